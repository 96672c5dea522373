import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import openapiTS from 'openapi-typescript';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { FIXTURE_WEB_DIR } from './app.ts';
import { TEST_MASTER_KEY } from './keys.ts';

/** The web app's API types, generated from the server's OpenAPI document (`npm run api:types`). */
export const API_TYPES_FILE = path.resolve(import.meta.dirname, '../../web/src/lib/api-types.ts');

/**
 * The types of every path, operation and schema of the API as the route schemas declare them
 * (openapi-typescript 6: it writes its output as text, without the TypeScript compiler API that
 * TypeScript 7's package no longer carries). The web imports them instead of copying them by hand;
 * a test fails when this file is stale.
 */
export async function apiTypes(app: FastifyInstance): Promise<string> {
  const document = app.swagger() as Parameters<typeof openapiTS>[0];
  const body = await openapiTS(document, { exportType: false, alphabetize: true, immutableTypes: false });
  return `// Generated from the server's OpenAPI document by \`npm run api:types\`. Do not edit.\n${body}`;
}

/** Runs `work` on the real app over a migrated database (no test harness: the runner's `--update-api-types`). */
export async function withApp<T>(db: Database, work: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'enlace-api-types-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      webDir: FIXTURE_WEB_DIR,
      logLevel: 'silent',
      databaseUrl: 'postgres://unused',
      masterKey: TEST_MASTER_KEY,
      jobWorkers: false,
      auditCheckpointSeconds: 0,
      auditVerifyMinutes: 0,
      blobSweepMinutes: 0,
    },
  );
  const app = await buildApp(config, { db, logger: false });
  try {
    await app.ready();
    return await work(app);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
