import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { type Config, isHttps } from '../../config.ts';
import { underApi } from './paths.ts';

/**
 * The headers helmet sets for these options, worked out once. They depend on nothing in the
 * request (no nonces: nothing inline is allowed at all), so every reply gets the same set — which
 * @fastify/helmet would have rebuilt, helmet's whole middleware and its CSP parsing, on every request
 * (1.6–2.5% of the read path's server thread, measured by the `read` bench's profile).
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/**
 * Security headers on every reply. The Content-Security-Policy allows nothing inline and
 * nothing from elsewhere: the web app is one origin's static files, and this policy is what
 * keeps an injected string from ever running as script or style.
 */
export default fp(
  async function security(app: FastifyInstance, opts: { config: Config }) {
    const https = isHttps(opts.config);
    const headers = helmetHeaders({
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
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });

    app.addHook('onSend', async (request, reply) => {
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      // Restricted data must never sit in a shared or browser cache.
      if (underApi(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'enlace-security' },
);
