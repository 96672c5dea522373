import { keyringFrom } from '../../server/platform/crypto/master-key.ts';

/** The master key of every test app (and of what the factories seal): fixed, so fixtures can seal. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_KEYRING = keyringFrom(Buffer.from(TEST_MASTER_KEY, 'base64'), 'test');
