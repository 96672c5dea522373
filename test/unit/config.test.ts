import path from 'node:path';
import t from 'tap';
import { ConfigError, isHttps, loadConfig } from '../../server/config.ts';

t.test('defaults give the embedded portal on 127.0.0.1:8080 with data in ./var', async (t) => {
  const config = loadConfig({}, {}, '/srv/enlace');
  t.equal(config.host, '127.0.0.1');
  t.equal(config.port, 8080);
  t.equal(config.dataDir, '/srv/enlace/var');
  t.equal(config.databaseUrl, undefined);
  t.equal(config.logLevel, 'info');
  t.equal(config.webDir, path.resolve(import.meta.dirname, '../../web/dist'), 'the package web build, wherever it runs');
  t.equal(isHttps(config), false);
});

t.test('environment values are converted and validated', async (t) => {
  const config = loadConfig(
    {
      PORT: '9090',
      ENLACE_DATA_DIR: 'data',
      DATABASE_URL: 'postgres://u:p@db:5432/enlace',
      ENLACE_TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      ENLACE_PUBLIC_URL: 'https://enlace.example.org',
      ENLACE_WEB_DIR: 'public',
    },
    {},
    '/srv',
  );
  t.equal(config.port, 9090);
  t.equal(config.dataDir, '/srv/data');
  t.equal(config.webDir, '/srv/public');
  t.equal(config.databaseUrl, 'postgres://u:p@db:5432/enlace');
  t.equal(config.trustProxy, true);
  t.equal(config.logLevel, 'warn');
  t.equal(isHttps(config), true);
});

t.test('empty variables count as unset', async (t) => {
  t.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).port, 8080);
});

t.test('invalid values are refused naming the variable, never echoing it', async (t) => {
  const error = t.throws(() =>
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', LOG_LEVEL: 'loud' }),
  ) as unknown as ConfigError;
  t.type(error, ConfigError);
  t.match(error.message, /PORT/);
  t.match(error.message, /DATABASE_URL/);
  t.match(error.message, /LOG_LEVEL/);
  t.notMatch(error.message, /hunter2/, 'a secret in a bad value stays out of the message');
  t.throws(() => loadConfig({ PORT: '70000' }), ConfigError);
  t.throws(() => loadConfig({}, { bodyLimit: 10 }), ConfigError);
});
