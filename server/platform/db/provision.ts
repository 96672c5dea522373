import path from 'node:path';
import type { Config } from '../../config.ts';
import { startEmbedded } from './embedded.ts';

export interface ProvisionedDatabase {
  url: string;
  /** `embedded` when this process manages PostgreSQL from the data folder. */
  kind: 'external' | 'embedded';
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL kept in `<data>/postgres`. */
export async function provisionDatabase(config: Config, log: (message: string) => void = () => undefined): Promise<ProvisionedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, kind: 'external', stop: async () => undefined };
  const cluster = await startEmbedded({ dir: path.join(config.dataDir, 'postgres'), log });
  return { url: cluster.url(), kind: 'embedded', stop: () => cluster.stop() };
}
