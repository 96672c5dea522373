/** What test/run.ts hands every test process: one PostgreSQL server and one migrated template. */
export interface TestEnvironment {
  /** A connection string with the right to CREATE DATABASE. */
  adminUrl: string;
  /** The migrated template each test file copies. */
  template: string;
  /** Prefix of every database this run creates (dropped at the end of the run). */
  prefix: string;
}

export const ENV_ADMIN_URL = 'ENLACE_TEST_ADMIN_URL';
export const ENV_TEMPLATE = 'ENLACE_TEST_TEMPLATE';

export function testEnvironment(): TestEnvironment {
  const adminUrl = process.env[ENV_ADMIN_URL];
  const template = process.env[ENV_TEMPLATE];
  if (!adminUrl || !template) {
    throw new Error('Run the tests through `npm test` (test/run.ts), which provides PostgreSQL and the template database.');
  }
  return { adminUrl, template, prefix: template.replace(/_tpl$/, '_') };
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
