import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Compressed responses, where compression cannot leak a secret. An encrypted response that holds
 * both a secret and text an attacker chooses (a search term echoed back, a field another member
 * wrote) can give the secret away through its compressed size (BREACH). So nothing is compressed
 * unless its route opts in with `compress: NO_SECRETS`, which a route may do only when its answer
 * holds no restricted value, no token and nothing of the session: the reference vocabularies and
 * the entry-authorisation matrix. The web application's files are compressed once, at build time
 * (web/precompress.ts), and served as they are (./web.ts). Request bodies are never decompressed.
 */
export default fp(
  async function compression(app: FastifyInstance) {
    await app.register(compress, {
      global: false,
      encodings: ['br', 'gzip'],
      threshold: 1024,
    });
  },
  { name: 'enlace-compression' },
);

/** A route's `compress` option for answers that hold no secret (see above). */
export const NO_SECRETS = { encodings: ['br', 'gzip'] as ('br' | 'gzip')[] };
