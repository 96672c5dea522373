import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { MessageCode } from '../i18n/messages.ts';
import { cleanName } from '../items/uploads.ts';
import type { MediaType, PendingFile } from './files.ts';

export interface FormFile {
  pending: PendingFile;
  /** The client's file name, cleaned (no folder, no control characters, bounded). */
  name: string;
}

/**
 * Reads a multipart form of plain fields and `file` parts. Each file is ingested through the file
 * pipeline as it streams (typed by its bytes, size limited, sealed under the key space); each field
 * goes to `field`, which keeps it or throws its own error. Any other part answers `unknown` with the
 * field's name. `check` then looks at the whole form (how many files, a field that must be given)
 * and throws its error. If anything fails, the files already written are removed before the error goes on.
 */
export async function readFileForm(
  app: FastifyInstance,
  request: FastifyRequest,
  options: {
    keySpaceId: string;
    accept: readonly MediaType[];
    field: (name: string, value: string) => boolean;
    unknown: MessageCode;
    check?: (files: readonly FormFile[]) => void;
  },
): Promise<FormFile[]> {
  if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
  const unknown = (name: string) => {
    const field = name.slice(0, 40);
    return new ApiError(400, options.unknown, { field }, `body.${field}`);
  };
  const files: FormFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (!options.field(part.fieldname, String(part.value))) throw unknown(part.fieldname);
      } else if (part.fieldname === 'file') {
        const name = cleanName(part.filename);
        files.push({ pending: await app.files.ingest(options.keySpaceId, part.file, options.accept, name), name });
      } else {
        throw unknown(part.fieldname);
      }
    }
    options.check?.(files);
    return files;
  } catch (err) {
    await discardAll(app, files);
    throw err;
  }
}

/**
 * Runs `record` (the transaction that records files read by `readFileForm`); if it fails, the
 * files are removed from the blob store before the error goes on, so that a refused or rolled-back
 * change leaves no blob behind.
 */
export async function recordingFiles<T>(app: FastifyInstance, files: readonly FormFile[], record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (err) {
    await discardAll(app, files);
    throw err;
  }
}

const discardAll = (app: FastifyInstance, files: readonly FormFile[]) => Promise.all(files.map((f) => app.files.discard(f.pending)));
