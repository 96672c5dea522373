import path from 'node:path';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Config } from '../../config.ts';
import type { BlobStore } from '../blobs/store.ts';
import type { FileKey, Sealer } from '../crypto/sealer.ts';
import { SealError } from '../crypto/sealer.ts';
import type { Database } from '../db/database.ts';
import { ApiError, fileTooLarge } from '../http/errors.ts';

/**
 * The file pipeline every feature uses: a stream in → type decided by its magic bytes (file-type),
 * never by name or header → size limit → images decoded and re-encoded by sharp (EXIF, GPS and
 * every other metadata dropped; pixel limit against decompression bombs) with a thumbnail → sealed
 * in chunks, each a standard OpenPGP message, into the blob store. Nothing holds more than a chunk
 * (or, for images, the image itself, bounded by the upload limit).
 *
 * Ingesting writes blobs before any row exists: the caller records the result in its transaction
 * and on any failure discards it, which removes the blobs (no orphans). A crash in between leaves
 * blobs no row references; the periodic sweep removes them.
 */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'] as const;
export const DOCUMENT_TYPES = ['application/pdf'] as const;
export type MediaType = (typeof IMAGE_TYPES)[number] | (typeof DOCUMENT_TYPES)[number];

const EXTENSIONS: Record<MediaType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/tiff': ['tif', 'tiff'],
  'application/pdf': ['pdf'],
};

/** What a stored file is served as (TIFF, which browsers do not show, becomes PNG). */
const STORED_AS: Record<MediaType, 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'image/tiff': 'image/png',
  'application/pdf': 'application/pdf',
};

export const THUMBNAIL_PIXELS = 320;

export interface FileLimits {
  maxBytes: number;
  maxPixels: number;
  chunkBytes: number;
}

/** The limits the configuration sets (the server and the key commands use the same). */
export function fileLimits(config: Pick<Config, 'uploadLimit' | 'uploadMaxPixels' | 'chunkBytes'>): FileLimits {
  return { maxBytes: config.uploadLimit, maxPixels: config.uploadMaxPixels, chunkBytes: config.chunkBytes };
}

export interface SealedBlob {
  key: FileKey;
  mediaType: string;
  byteSize: number;
  blobKeys: string[];
}

/** Ingested and sealed, not yet recorded. */
export interface PendingFile {
  original: SealedBlob;
  thumbnail: SealedBlob | null;
  width: number | null;
  height: number | null;
}

export interface StoredFile {
  id: string;
  spaceId: string;
  mediaType: string;
  byteSize: number;
  chunkCount: number;
  keyVersion: number;
  wrappedKey: Buffer;
}

/**
 * How a stored file is served: its stored type, its size, a generic name (the real one is sealed),
 * images shown inline and everything else downloaded (never rendered in the portal's origin).
 */
export function downloadHeaders(file: StoredFile): Record<string, string> {
  const inline = file.mediaType.startsWith('image/');
  const extension = file.mediaType.split('/')[1]!.replace('jpeg', 'jpg');
  return {
    'content-type': file.mediaType,
    'content-length': String(file.byteSize),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.id}.${extension}"`,
    'cache-control': 'private, no-store',
  };
}

const isImage = (type: MediaType): boolean => (IMAGE_TYPES as readonly string[]).includes(type);

/** Sealed chunks of one file being written at once (each held in memory until written: 4 × 2 MiB by default). */
const CHUNKS_IN_FLIGHT = 4;

/** Reads the stream into chunk-sized buffers, counting against the limit as it goes. */
async function* chunksOf(source: AsyncIterable<Buffer | Uint8Array>, size: number, limit: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  let total = 0;
  for await (const piece of source) {
    let data = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    total += data.length;
    if (total > limit) throw fileTooLarge(limit);
    while (data.length > 0) {
      const take = Math.min(size - held, data.length);
      parts.push(data.subarray(0, take));
      held += take;
      data = data.subarray(take);
      if (held === size) {
        yield Buffer.concat(parts);
        parts = [];
        held = 0;
      }
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

export class FileService {
  constructor(
    readonly db: Database,
    readonly sealer: Sealer,
    readonly blobs: BlobStore,
    readonly limits: FileLimits,
  ) {}

  /**
   * Seals each chunk into a blob, up to CHUNKS_IN_FLIGHT writes at once: while chunks are written
   * and flushed to disk, the next is read and sealed. The keys come back in the chunks' order.
   * Every key written is also added to `written` (for clean-up); on a failure every chunk in flight
   * settles before it is thrown, so no blob written is left out of the clean-up.
   */
  async #sealInto(key: FileKey, mediaType: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, written: string[]): Promise<SealedBlob> {
    const blobKeys: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let byteSize = 0;
    try {
      for await (const chunk of chunks) {
        if (failure) break;
        byteSize += chunk.length;
        const index = blobKeys.push('') - 1;
        const step: Promise<void> = this.blobs
          .put(this.sealer.encrypt(key, chunk))
          .then(
            (blobKey) => {
              written.push(blobKey);
              blobKeys[index] = blobKey;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => inFlight.delete(step));
        inFlight.add(step);
        if (inFlight.size >= CHUNKS_IN_FLIGHT) await Promise.race(inFlight);
      }
    } finally {
      await Promise.all(inFlight);
    }
    if (failure) throw failure.error;
    return { key, mediaType, byteSize, blobKeys };
  }

  *#split(data: Buffer): Iterable<Buffer> {
    for (let at = 0; at < data.length; at += this.limits.chunkBytes) yield data.subarray(at, at + this.limits.chunkBytes);
  }

  /**
   * Reads, checks, re-encodes and seals one file for a space. `accept` lists the types the route
   * takes; `declaredName` is the client's file name, used only to refuse a name that claims another
   * type than the bytes do (a ".jpg" that is a PDF).
   */
  async ingest(
    spaceId: string,
    source: AsyncIterable<Buffer | Uint8Array>,
    accept: readonly MediaType[],
    declaredName?: string,
  ): Promise<PendingFile> {
    const written: string[] = [];
    try {
      return await this.#ingest(spaceId, source, accept, declaredName, written);
    } catch (err) {
      await this.#remove(written);
      throw err;
    }
  }

  async #ingest(
    spaceId: string,
    source: AsyncIterable<Buffer | Uint8Array>,
    accept: readonly MediaType[],
    declaredName: string | undefined,
    written: string[],
  ): Promise<PendingFile> {
    const chunks = chunksOf(source, this.limits.chunkBytes, this.limits.maxBytes);
    const first = await chunks.next();
    if (first.done) throw new ApiError(400, 'file_empty');
    const detected = await fileTypeFromBuffer(first.value);
    const type = detected?.mime as MediaType | undefined;
    if (!type || !accept.includes(type)) {
      throw new ApiError(415, 'file_type_refused', { accepted: accept.map((t) => EXTENSIONS[t][0]!.toUpperCase()).join(', ') });
    }
    const extension = declaredName ? path.extname(declaredName).slice(1).toLowerCase() : '';
    const claimed = (Object.keys(EXTENSIONS) as MediaType[]).find((t) => EXTENSIONS[t].includes(extension));
    if (claimed && claimed !== type) throw new ApiError(415, 'file_type_mismatch');

    const key = await this.sealer.newKey(spaceId);
    if (!isImage(type)) {
      const rest = async function* () {
        yield first.value;
        yield* chunks;
      };
      return { original: await this.#sealInto(key, STORED_AS[type], rest(), written), thumbnail: null, width: null, height: null };
    }

    const parts = [first.value];
    for await (const chunk of chunks) parts.push(chunk);
    const { image, thumbnail, width, height } = await this.#reencode(Buffer.concat(parts), type);
    return {
      original: await this.#sealInto(key, STORED_AS[type], this.#split(image), written),
      thumbnail: await this.#sealInto(await this.sealer.newKey(spaceId), 'image/webp', this.#split(thumbnail), written),
      width,
      height,
    };
  }

  /** Decodes and re-encodes: only pixels survive (no EXIF, GPS, XMP, comments), orientation applied. */
  async #reencode(input: Buffer, type: MediaType): Promise<{ image: Buffer; thumbnail: Buffer; width: number; height: number }> {
    const open = () => sharp(input, { limitInputPixels: this.limits.maxPixels, failOn: 'warning', sequentialRead: true }).rotate();
    try {
      const stored = STORED_AS[type];
      const pipeline = open();
      const encoded =
        stored === 'image/jpeg'
          ? pipeline.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
          : stored === 'image/webp'
            ? pipeline.webp({ quality: 92 })
            : pipeline.png();
      const { data: image, info } = await encoded.toBuffer({ resolveWithObject: true });
      const thumbnail = await open()
        .resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      return { image, thumbnail, width: info.width, height: info.height };
    } catch (err) {
      if (/pixel limit/i.test((err as Error).message))
        throw new ApiError(413, 'image_too_many_pixels', { limit: Math.round(this.limits.maxPixels / 1_000_000) });
      throw new ApiError(422, 'image_unreadable');
    }
  }

  async #remove(keys: string[]): Promise<void> {
    // Best effort: what cannot be removed now is unreferenced and the sweep removes it.
    await Promise.all(keys.map((key) => this.blobs.delete(key).catch(() => undefined)));
  }

  /** Forgets an ingested file that will not be recorded. */
  async discard(pending: PendingFile): Promise<void> {
    await this.#remove([...pending.original.blobKeys, ...(pending.thumbnail?.blobKeys ?? [])]);
  }

  /** Records an ingested file (and its thumbnail) in the caller's transaction; returns the original's id. */
  async record(
    trx: Database,
    pending: PendingFile,
    owner: { spaceId: string; itemId: string | null; createdBy: string | null; now: Date },
  ): Promise<string> {
    const insert = async (blob: SealedBlob, variant: 'original' | 'thumbnail', originalId: string | null) => {
      const { id } = await trx
        .insertInto('storedFile')
        .values({
          spaceId: owner.spaceId,
          itemId: owner.itemId,
          variant,
          originalId,
          mediaType: blob.mediaType,
          byteSize: blob.byteSize,
          chunkCount: blob.blobKeys.length,
          keyVersion: blob.key.keyVersion,
          wrappedKey: blob.key.wrappedKey,
          createdBy: owner.createdBy,
          createdAt: owner.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('fileChunk')
        .values(blob.blobKeys.map((blobKey, index) => ({ fileId: id, index, blobKey })))
        .execute();
      return id;
    };
    const id = await insert(pending.original, 'original', null);
    if (pending.thumbnail) await insert(pending.thumbnail, 'thumbnail', id);
    return id;
  }

  /** The stored file (or its thumbnail) of a space; undefined when there is none. */
  async find(spaceId: string, fileId: string, variant: 'original' | 'thumbnail' = 'original'): Promise<StoredFile | undefined> {
    const query = this.db
      .selectFrom('storedFile')
      .select(['id', 'spaceId', 'mediaType', 'byteSize', 'chunkCount', 'keyVersion', 'wrappedKey'])
      .where('spaceId', '=', spaceId);
    const row = await (variant === 'original'
      ? query.where('id', '=', fileId).where('variant', '=', 'original')
      : query.where('originalId', '=', fileId)
    ).executeTakeFirst();
    return row ? { ...row, byteSize: Number(row.byteSize) } : undefined;
  }

  /**
   * The decrypted bytes as a stream, one chunk in memory at a time. The first chunk is opened before
   * this returns, so a damaged file fails cleanly before any header is sent; a later damaged chunk
   * ends the stream with an error (the client sees a short body, never garbage).
   */
  async open(file: StoredFile): Promise<Readable> {
    const sessionKey = await this.sealer.unwrap(file.spaceId, file.keyVersion, file.wrappedKey);
    const chunks = await this.db.selectFrom('fileChunk').select('blobKey').where('fileId', '=', file.id).orderBy('index').execute();
    if (chunks.length !== file.chunkCount) throw new SealError('unreadable');
    const readChunk = async (blobKey: string) => {
      try {
        return await this.sealer.decrypt(sessionKey, await this.blobs.get(blobKey));
      } catch (err) {
        if (err instanceof SealError) throw err;
        throw new SealError('unreadable');
      }
    };
    const head = await readChunk(chunks[0]!.blobKey);
    async function* rest() {
      yield head;
      for (const chunk of chunks.slice(1)) yield await readChunk(chunk.blobKey);
    }
    return Readable.from(rest(), { objectMode: false });
  }

  /**
   * Removes files and their blobs: rows first in the caller's transaction (returned keys are then
   * deleted after commit by `removeBlobs`), so a failure never leaves a row without its blobs.
   */
  async deleteRows(trx: Database, fileIds: string[]): Promise<string[]> {
    if (fileIds.length === 0) return [];
    const all = await trx
      .selectFrom('storedFile')
      .select('id')
      .where((eb) => eb.or([eb('id', 'in', fileIds), eb('originalId', 'in', fileIds)]))
      .execute();
    const ids = all.map((r) => r.id);
    const keys = await trx.deleteFrom('fileChunk').where('fileId', 'in', ids).returning('blobKey').execute();
    await trx.deleteFrom('storedFile').where('id', 'in', ids).execute();
    return keys.map((k) => k.blobKey);
  }

  async removeBlobs(keys: string[]): Promise<void> {
    await this.#remove(keys);
  }

  /**
   * Deletes blobs no chunk references and older than the grace period (an upload in flight writes
   * its blobs before its rows; six hours covers the slowest 25 MB upload many times over, and the
   * largest configured ones). Returns how many were removed.
   */
  async sweep(now: Date, graceMs = 6 * 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const referenced = new Set(
        (await this.db.selectFrom('fileChunk').select('blobKey').where('blobKey', 'in', batch).execute()).map((r) => r.blobKey),
      );
      const orphans = batch.filter((key) => !referenced.has(key));
      await this.#remove(orphans);
      removed += orphans.length;
      batch = [];
    };
    for await (const entry of this.blobs.list()) {
      if (now.getTime() - entry.modifiedAt.getTime() < graceMs) continue;
      batch.push(entry.key);
      if (batch.length >= 500) await flush();
    }
    await flush();
    return removed;
  }
}
