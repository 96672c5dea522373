import path from 'node:path';
import t from 'tap';
import { ConfigError, isHttps, loadConfig, proxyTrust } from '../../server/config.ts';

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

t.test('trusted proxies: addresses and CIDR ranges, checked; not beside ENLACE_TRUST_PROXY', async (t) => {
  const config = loadConfig({ ENLACE_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8' });
  t.same(proxyTrust(config), ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'], "Fastify's trustProxy is the list");
  t.equal(proxyTrust(loadConfig({ ENLACE_TRUST_PROXY: 'true' })), true);
  t.equal(proxyTrust(loadConfig({})), false, 'no proxy is trusted by default');
  for (const [name, value] of [
    ['ENLACE_TRUSTED_PROXIES', '10.0.0.0/33'],
    ['ENLACE_TRUSTED_PROXIES', '10.0.0/8'],
    ['ENLACE_TRUSTED_PROXIES', '::1/129'],
    ['ENLACE_TRUSTED_PROXIES', '10.0.0.1/8/8'],
    ['ENLACE_METRICS_ALLOW', '127.0.0.1, 300.1.1.1'],
  ] as const) {
    const error = t.throws(() => loadConfig({ [name]: value })) as unknown as ConfigError;
    t.type(error, ConfigError, value);
    t.match(error.message, name);
  }
  const both = t.throws(() => loadConfig({ ENLACE_TRUST_PROXY: 'true', ENLACE_TRUSTED_PROXIES: '10.0.0.1' })) as unknown as ConfigError;
  t.match(both.message, /not both/);
});
