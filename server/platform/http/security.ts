import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Config, isHttps } from '../../config.ts';

/**
 * Security headers on every reply. The Content-Security-Policy allows nothing inline and
 * nothing from elsewhere: the web app is one origin's static files, and this policy is what
 * keeps an injected string from ever running as script or style.
 */
export default fp(
  async function security(app: FastifyInstance, opts: { config: Config }) {
    const https = isHttps(opts.config);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          // The offline shell's service worker (/sw.js) and the PDF viewer's worker: this origin's scripts only.
          workerSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only means something over https; sent over http it would only confuse.
      strictTransportSecurity: https ? { maxAge: 63072000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: { policy: 'require-corp' },
    });

    app.addHook('onSend', async (request, reply) => {
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      // Restricted data must never sit in a shared or browser cache.
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'enlace-security' },
);
