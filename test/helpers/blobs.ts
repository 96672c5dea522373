import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Every file in the filesystem blob store of a data folder (temporary files included), sorted. */
export async function storedBlobs(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'blobs');
  const entries = await fs.readdir(root, { recursive: true }).catch(() => [] as string[]);
  const files: string[] = [];
  for (const entry of entries.sort()) {
    const where = path.join(root, entry);
    if ((await fs.stat(where)).isFile()) files.push(where);
  }
  return files;
}
