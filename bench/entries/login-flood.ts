import { randomBytes } from 'node:crypto';
import { totpCode } from '../../server/platform/auth/totp.ts';
import { systemClock } from '../../server/platform/clock.ts';
import { createUser } from '../../test/helpers/users.ts';
import { startBenchApp } from '../app.ts';
import type { BenchEntry } from '../run.ts';

const FLOOD = 100;
const SAMPLES = 300;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * `login-flood`: p50 latency of an authenticated read (GET /api/me until specimens exist) while
 * 100 clients keep sending wrong passwords, against the same read alone. Each flood request comes
 * from a different forwarded address and account, so throttling never short-cuts the argon2 work:
 * the worst case, a distributed guessing attack.
 */
export const loginFlood: BenchEntry = {
  name: 'login-flood',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp(
      { cluster, prefix },
      { env: { ENLACE_PASSWORD_CONCURRENCY: process.env.ENLACE_PASSWORD_CONCURRENCY }, config: { trustProxy: true }, clock: systemClock },
    );
    const base = bench.origin;
    const db = bench.database.db;
    try {
      const user = await createUser(db);
      const login = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password, otp: totpCode(user.totpSecret!, new Date()) }),
      });
      if (login.status !== 200) throw new Error(`bench sign-in failed: ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

      const read = async () => {
        const started = performance.now();
        const res = await fetch(`${base}/api/me`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
        return performance.now() - started;
      };
      const sample = async () => {
        const times: number[] = [];
        for (let i = 0; i < SAMPLES; i++) times.push(await read());
        return times;
      };

      for (let i = 0; i < 50; i++) await read();
      const alone: number[] = await sample();

      let stop = false;
      let attempts = 0;
      const statuses = new Map<number, number>();
      const attacker = async () => {
        while (!stop) {
          const res = await fetch(`${base}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${randomBytes(3).join('.')}` },
            body: JSON.stringify({ email: `guess-${randomBytes(6).toString('hex')}@example.org`, password: 'wrong password guess', otp: '123456' }),
          });
          await res.arrayBuffer();
          attempts++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      };
      const flood = Array.from({ length: FLOOD }, attacker);
      for (let i = 0; i < 20; i++) await read(); // let the flood build up
      const during = await sample();
      stop = true;
      await Promise.all(flood);
      // The floor is sampled before and after the flood, so drift on a shared machine cancels out.
      alone.push(...(await sample()));

      const p50Alone = percentile(alone, 50);
      const p50Flood = percentile(during, 50);
      log(
        `p50 alone ${p50Alone.toFixed(2)} ms, under flood ${p50Flood.toFixed(2)} ms; ${attempts} wrong logins (${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')})`,
      );
      return {
        ratio: p50Flood / p50Alone,
        goal: 2,
        direction: 'max',
        p50AloneMs: Number(p50Alone.toFixed(3)),
        p50FloodMs: Number(p50Flood.toFixed(3)),
        p99FloodMs: Number(percentile(during, 99).toFixed(3)),
        floodClients: FLOOD,
        wrongLogins: attempts,
      };
    } finally {
      await bench.close();
    }
  },
};
