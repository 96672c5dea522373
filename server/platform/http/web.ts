import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { message } from '../i18n/messages.ts';
import { underApi } from './paths.ts';

/**
 * Serves the built web application. Hashed assets are cached for a year; index.html is
 * revalidated every time so a new release reaches browsers at once, and so is the offline shell's
 * service worker (/sw.js, at the root so that its scope is the whole origin): the browser checks it
 * for a new release on every visit. Any other GET outside /api is a route of the single-page app
 * and gets index.html.
 */
export default fp(
  async function web(app: FastifyInstance, opts: { root: string }) {
    const index = path.join(opts.root, 'index.html');
    if (!existsSync(index)) {
      app.log.warn({ root: opts.root }, 'web application not built: only the API is served');
      return;
    }
    await app.register(fastifyStatic, {
      root: opts.root,
      wildcard: false,
      index: false,
      serveDotFiles: false,
      // The build's .br and .gz copies (web/precompress.ts) to browsers that accept them.
      preCompressed: true,
      // Our own cache-control below, not @fastify/send's `max-age=0`.
      cacheControl: false,
      setHeaders(res, filePath) {
        const immutable = filePath.startsWith(path.join(opts.root, 'assets') + path.sep);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const sendIndex = (reply: import('fastify').FastifyReply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (underApi(request.url)) {
        return reply.code(404).send({ error: { code: 'not_found', message: message(request.language, 'not_found') } });
      }
      return sendIndex(reply);
    });
  },
  { name: 'enlace-web', dependencies: ['enlace-errors'] },
);
