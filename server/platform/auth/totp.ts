import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Keyring } from '../crypto/master-key.ts';

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
const PERIOD = 30;
const ISSUER = 'Enlace';

function totp(secret: string, label = 'user'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** TOTP secrets are kept sealed under the master key, bound to their account. */
export const sealTotpSecret = (keyring: Keyring, userId: string, secret: string): string => keyring.seal('totp', secret, userId);
export const openTotpSecret = (keyring: Keyring, userId: string, sealed: string): string => keyring.open('totp', sealed, userId);

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

export async function totpQrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The code for a moment (tests and the CLI compute codes the way an app would). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/**
 * The time step the code belongs to, accepting one step of clock skew either way, or null.
 * A step at or before `lastStep` was already used: refused, so a code cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
