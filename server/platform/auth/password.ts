import argon2 from 'argon2';
import pLimit from 'p-limit';

/** OWASP's argon2id floor: 19 MiB, 2 passes, one lane. Raising these rehashes at the next login. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export class PasswordQueueFull extends Error {
  constructor() {
    super('password hashing queue is full');
    this.name = 'PasswordQueueFull';
  }
}

/**
 * Hashing runs on libuv's thread pool (argon2 is native), never on the event loop. At most
 * `concurrency` hashes run at once, so a login flood leaves threads for everything else, and at
 * most `maxQueued` wait; beyond that callers get PasswordQueueFull (503) at once.
 */
export class PasswordHasher {
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #maxQueued: number;
  #dummy: Promise<string> | undefined;

  constructor(concurrency: number, maxQueued = 256) {
    this.#limit = pLimit(concurrency);
    this.#maxQueued = maxQueued;
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#limit.pendingCount >= this.#maxQueued) return Promise.reject(new PasswordQueueFull());
    return this.#limit(work);
  }

  hash(password: string): Promise<string> {
    return this.#run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  /** `needsRehash` when the stored hash was made with weaker parameters than today's. */
  async verify(hash: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }> {
    const ok = await this.#run(() => argon2.verify(hash, password).catch(() => false));
    return { ok, needsRehash: ok && argon2.needsRehash(hash, ARGON2_OPTIONS) };
  }

  /** The same work as a real verification, for accounts that do not exist (no timing oracle). */
  async verifyNothing(password: string): Promise<false> {
    this.#dummy ??= argon2.hash('no account has this password', ARGON2_OPTIONS);
    await this.verify(await this.#dummy, password);
    return false;
  }
}
