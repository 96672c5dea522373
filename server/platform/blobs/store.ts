import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';

/**
 * Where sealed file chunks live. Keys are opaque, generated here, never derived from user input
 * (no path traversal by construction). Two stores behind this interface: the filesystem (the
 * embedded default, in the data folder) and S3-compatible object storage (the Sealing issue).
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Stores the bytes durably under a new key and returns it. */
  put(data: Uint8Array): Promise<string>;
  /** Stores the bytes under a key they had before (a restore from backup into an empty store). */
  putAt(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  stream(key: string): Readable;
  delete(key: string): Promise<void>;
  /** Every blob with when it was written, for the orphan sweep. */
  list(): AsyncIterable<BlobEntry>;
  close(): void;
}

export interface BlobEntry {
  key: string;
  modifiedAt: Date;
}

export class BlobNotFound extends Error {
  override name = 'BlobNotFound';
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

export function newBlobKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id}`;
}

/**
 * Files under `<root>/<2 hex>/<32 hex>`. A blob is written to a temporary name, flushed to disk
 * (fsync), then renamed into place, and the folder is flushed too: after a crash a blob is either
 * whole or absent, never half-written under its real name.
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs';
  /** Folders this store made or found, open for flushing (at most 256: the two-hex-digit prefixes). */
  readonly #folders = new Map<string, Promise<fs.FileHandle>>();
  constructor(readonly root: string) {}

  #path(key: string): string {
    if (!KEY.test(key)) throw new BlobNotFound(`not a blob key: ${key}`);
    return path.join(this.root, key);
  }

  /**
   * The folder, made the first time this store writes there, and kept open for its flushes: each
   * step of a write is a trip through libuv's threads and back to an event loop busy sealing the
   * next chunks, and an upload writes a chunk every few milliseconds (measured: with fsync off, a
   * 200 MB upload was no faster; the trips were the wait. Ten a chunk became six).
   */
  #folder(dir: string): Promise<fs.FileHandle> {
    let folder = this.#folders.get(dir);
    if (!folder) {
      const opening = fs.mkdir(dir, { recursive: true, mode: 0o700 }).then(() => fs.open(dir, 'r'));
      opening.catch(() => this.#forget(dir, opening));
      this.#folders.set(dir, opening);
      folder = opening;
    }
    return folder;
  }

  #forget(dir: string, folder: Promise<fs.FileHandle> | undefined = this.#folders.get(dir)): void {
    if (!folder || this.#folders.get(dir) !== folder) return;
    this.#folders.delete(dir);
    folder.then((handle) => handle.close()).catch(() => {});
  }

  /** The temporary file, in its folder; a folder removed since (by hand, or a restore) is made again. */
  async #create(dir: string, temporary: string): Promise<fs.FileHandle> {
    await this.#folder(dir);
    try {
      return await fs.open(temporary, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.#forget(dir);
      await this.#folder(dir);
      return fs.open(temporary, 'wx', 0o600);
    }
  }

  async put(data: Uint8Array): Promise<string> {
    const key = newBlobKey();
    await this.#write(key, data, 'rename');
    return key;
  }

  async putAt(key: string, data: Uint8Array): Promise<void> {
    await this.#write(key, data, 'link');
  }

  /** `rename` for a fresh random key; `link` where the key is given: it refuses a name in use (a key is written once). */
  async #write(key: string, data: Uint8Array, placing: 'rename' | 'link'): Promise<void> {
    const final = this.#path(key);
    const dir = path.dirname(final);
    const temporary = path.join(dir, `.${path.basename(final)}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await this.#create(dir, temporary);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (placing === 'rename') {
      await fs.rename(temporary, final).catch(async (err: unknown) => {
        await fs.rm(temporary, { force: true });
        throw err;
      });
    } else {
      try {
        await fs.link(temporary, final);
      } finally {
        await fs.rm(temporary, { force: true });
      }
    }
    await (await this.#folder(dir)).sync();
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await fs.readFile(this.#path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFound(key);
      throw err;
    }
  }

  stream(key: string): Readable {
    return createReadStream(this.#path(key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.#path(key), { force: true });
  }

  async *list(): AsyncIterable<BlobEntry> {
    const prefixes = await fs.readdir(this.root).catch(() => [] as string[]);
    for (const prefix of prefixes.sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of (await fs.readdir(path.join(this.root, prefix))).sort()) {
        const key = `${prefix}/${name}`;
        if (!KEY.test(key)) continue;
        const stat = await fs.stat(path.join(this.root, key)).catch(() => undefined);
        if (stat) yield { key, modifiedAt: stat.mtime };
      }
    }
  }

  close(): void {
    for (const dir of [...this.#folders.keys()]) this.#forget(dir);
  }
}

export interface S3Options {
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (MinIO, s3rver, most self-hosted stores). */
  forcePathStyle: boolean;
}

/**
 * S3-compatible object storage. Objects are written whole (a PUT is atomic: readers see all or
 * nothing), under the same opaque keys as the filesystem store.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: S3Options) {
    this.#bucket = options.bucket;
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    });
  }

  #check(key: string): string {
    if (!KEY.test(key)) throw new BlobNotFound(`not a blob key: ${key}`);
    return key;
  }

  async put(data: Uint8Array): Promise<string> {
    const key = newBlobKey();
    await this.putAt(key, data);
    return key;
  }

  async putAt(key: string, data: Uint8Array): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: this.#check(key), Body: data, ContentType: 'application/pgp-encrypted' }),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#check(key) }));
      return await out.Body!.transformToByteArray();
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') throw new BlobNotFound(key);
      throw err;
    }
  }

  stream(key: string): Readable {
    const checked = this.#check(key);
    const body = new PassThrough();
    this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: checked })).then(
      (out) => (out.Body as Readable).pipe(body),
      (err: unknown) => body.destroy((err as { name?: string }).name === 'NoSuchKey' ? new BlobNotFound(key) : (err as Error)),
    );
    return body;
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#check(key) }));
  }

  async *list(): AsyncIterable<BlobEntry> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key && KEY.test(object.Key)) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.#client.destroy();
  }
}

/** The store the configuration names: the data folder's `blobs/` by default, or S3. */
export function createBlobStore(config: Config): BlobStore {
  if (config.blobStore === 's3') {
    return new S3BlobStore({
      endpoint: config.s3Endpoint,
      region: config.s3Region,
      bucket: config.s3Bucket as string,
      accessKeyId: config.s3AccessKeyId as string,
      secretAccessKey: config.s3SecretAccessKey as string,
      forcePathStyle: config.s3ForcePathStyle,
    });
  }
  return new FsBlobStore(path.join(config.dataDir, 'blobs'));
}

/**
 * The same store, each failed operation counted (`onError` with the operation's name) before the
 * failure goes on to its caller unchanged: for the metrics, whichever store is configured.
 */
export function countingErrors(store: BlobStore, onError: (operation: 'put' | 'get' | 'stream' | 'delete' | 'list') => void): BlobStore {
  const counted = <T>(operation: 'put' | 'get' | 'delete', work: Promise<T>): Promise<T> =>
    work.catch((err: unknown) => {
      onError(operation);
      throw err;
    });
  return {
    kind: store.kind,
    put: (data) => counted('put', store.put(data)),
    putAt: (key, data) => counted('put', store.putAt(key, data)),
    get: (key) => counted('get', store.get(key)),
    delete: (key) => counted('delete', store.delete(key)),
    stream(key) {
      const stream = store.stream(key);
      stream.once('error', () => onError('stream'));
      return stream;
    },
    async *list() {
      try {
        yield* store.list();
      } catch (err) {
        onError('list');
        throw err;
      }
    },
    close: () => store.close(),
  };
}
