import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import { type Static, Type } from 'typebox';
import { ForbiddenError } from '../../../policies/ability.ts';
import { isDatabaseError, isDatabaseUnreachable, isInputRefusal, SQLSTATE } from '../db/errors.ts';
import { type Language, negotiateLanguage } from '../i18n/language.ts';
import { type MessageCode, message } from '../i18n/messages.ts';
import { NON_BLANK } from './text.ts';

/** An error the caller caused or may act on: a status, a stable code and the message's params. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** A file over the upload limit, said in whole megabytes (at least 1). */
export function fileTooLarge(limitBytes: number): ApiError {
  return new ApiError(413, 'file_too_large', { limit: Math.floor(limitBytes / (1024 * 1024)) || 1 });
}

/** @fastify/multipart's own errors, said in the caller's terms (any route that takes files). */
function multipartError(code: string | undefined, uploadLimit: number): ApiError | undefined {
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(uploadLimit);
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiError(413, 'too_many_files');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(415, 'multipart_expected');
    case 'FST_PROTO_VIOLATION':
      return new ApiError(400, 'bad_request');
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new ApiError(400, 'multipart_malformed');
    default:
      return undefined;
  }
}

/** How long a client is asked to wait before sending again a request the database could not take. */
const RETRY_AFTER_SECONDS = 5;

/**
 * What the multipart parser (busboy, under @fastify/multipart) throws for a body that is not the
 * multipart/form-data it claims to be: no boundary, an empty or overlong one, a body cut short.
 * Plain errors, told apart by their messages.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|.* terminated early due to unexpected end of multipart data|The needle cannot .*)$/;

/**
 * Every error answer's body: a code, a message, maybe the field and a request id. Registered once
 * as a shared schema (`ErrorReply`, by the plugin below); routes declare their error statuses
 * (400, 413…) with `ErrorReply`, a reference to it, so the OpenAPI document and the web's generated
 * types carry it once, as `components.schemas.ErrorReply`.
 */
export const ErrorReplySchema = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()), requestId: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
  },
  { $id: 'ErrorReply', additionalProperties: false },
);

/** An error answer's body, as the error handler builds it. */
export type ErrorBody = Static<typeof ErrorReplySchema>;

/** What a route schema declares for an error status: a reference to the shared `ErrorReply`, typed as it. */
export const ErrorReply = Type.Unsafe<Static<typeof ErrorReplySchema>>({ $ref: 'ErrorReply#' });

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's language: Accept-Language for now, the user's preference once signed in. */
    language: Language;
  }
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const STATUS_CODES: Record<number, MessageCode> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Turns Ajv's first error into a named field and a reason in the caller's language. */
function describeValidation(language: Language, context: string | undefined, error: AjvError): { field: string; reason: string } {
  const segments = error.instancePath.split('/').filter(Boolean);
  const params = error.params;
  let reason: string;
  switch (error.keyword) {
    case 'required':
      segments.push(String(params['missingProperty']));
      reason = message(language, 'reason_required');
      break;
    case 'additionalProperties':
      segments.push(String(params['additionalProperty']));
      reason = message(language, 'reason_unknown');
      break;
    case 'type':
      reason = message(language, 'reason_type', { type: String(params['type']) });
      break;
    case 'minLength':
      reason = message(language, 'reason_min_length', { limit: Number(params['limit']) });
      break;
    case 'maxLength':
      reason = message(language, 'reason_max_length', { limit: Number(params['limit']) });
      break;
    case 'minimum':
      reason = message(language, 'reason_minimum', { limit: Number(params['limit']) });
      break;
    case 'maximum':
      reason = message(language, 'reason_maximum', { limit: Number(params['limit']) });
      break;
    case 'minItems':
      reason = message(language, 'reason_min_items', { limit: Number(params['limit']) });
      break;
    case 'maxItems':
      reason = message(language, 'reason_max_items', { limit: Number(params['limit']) });
      break;
    case 'pattern':
      reason = message(language, params['pattern'] === NON_BLANK ? 'reason_blank' : 'reason_format');
      break;
    case 'format':
      reason = message(language, params['format'] === 'line' || params['format'] === 'text' ? 'reason_characters' : 'reason_format');
      break;
    case 'enum':
      reason = message(language, 'reason_enum', {
        values: ((params['allowedValues'] as unknown[]) ?? []).join(', '),
      });
      break;
    default:
      reason = message(language, 'reason_invalid');
  }
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  // A field name comes from the caller (an unknown property): echoed printable and short.
  const printable = segments.map((s) =>
    s
      .replace(/[\p{Cc}\p{Cf}]/gu, '?')
      .slice(0, 60)
      .toWellFormed(),
  );
  return { field: [where, ...printable].join('.'), reason };
}

/**
 * What the database refuses of a value (SQLSTATE class 22, data exception; class 23, integrity
 * constraint) is the caller's input, not a fault of the portal: 400, or 409 for a duplicate or an
 * overlap. The schemas and the handlers' checks are meant to refuse such input first; this is the
 * net under them, and its warning in the log says that one was missed (the API fuzz test fails on it).
 */
function databaseRefusal(err: unknown): ApiError | undefined {
  if (!isDatabaseError(err) || !isInputRefusal(err)) return undefined;
  return isDatabaseError(err, SQLSTATE.uniqueViolation) || isDatabaseError(err, SQLSTATE.exclusionViolation)
    ? new ApiError(409, 'conflict')
    : new ApiError(400, 'invalid_input');
}

/**
 * What the router refuses before any hook runs (Fastify's `frameworkErrors`): a path that does not
 * decode, a path parameter longer than the router takes. No route was reached, so no audit entry;
 * the answer is still ours — the error body in the caller's language, the request id, and the
 * headers an API answer always carries (the security plugin's hooks never ran).
 */
export function routerRefusal(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const code: MessageCode = tooLong ? 'path_too_long' : 'bad_request';
  const language = negotiateLanguage(request.headers['accept-language']);
  void reply
    .headers({
      'x-request-id': request.id,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
    })
    .code(tooLong ? 414 : 400)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message: message(language, code) } } satisfies ErrorBody);
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.addSchema(ErrorReplySchema);
    app.decorateRequest('language', {
      getter(this: FastifyRequest): Language {
        // Accept-Language first, then the signed-in user's preference, then Spanish.
        const preferred = (this as FastifyRequest & { auth?: { user: { language: Language } } | null }).auth?.user.language;
        return negotiateLanguage(this.headers['accept-language'], preferred);
      },
    });

    app.setErrorHandler(function handleError(caught: FastifyError | ApiError, request, reply) {
      const language = request.language;
      const refused = databaseRefusal(caught);
      if (refused) {
        const { code, constraint, table, column } = caught as unknown as pg.DatabaseError;
        request.log.warn({ sqlState: code, constraint, table, column }, 'database refused input that validation let through');
      }
      const malformed = request.isMultipart() && !(caught instanceof ApiError) && MALFORMED_MULTIPART.test((caught as Error).message ?? '');
      const err =
        refused ??
        (malformed ? new ApiError(400, 'multipart_malformed') : undefined) ??
        multipartError((caught as FastifyError).code, app.config.uploadLimit) ??
        caught;
      if (err instanceof ForbiddenError) {
        return send(reply, 403, { error: { code: 'forbidden', message: message(language, 'forbidden') } });
      }
      if (err instanceof ApiError) {
        const body: ErrorBody = { error: { code: err.code, message: message(language, err.code, err.params) } };
        if (err.field) body.error.field = err.field;
        return send(reply, err.statusCode, body);
      }
      if ((err as Error).name === 'SealError') {
        // Damaged ciphertext or a destroyed key: a clean answer, never partial content; the log
        // says which (the reason only: no content, no key material).
        request.log.error({ sealError: (err as Error & { reason?: string }).reason }, 'sealed content could not be opened');
        return send(reply, 500, {
          error: { code: 'content_unreadable', message: message(language, 'content_unreadable', { requestId: request.id }), requestId: request.id },
        });
      }
      if (isDatabaseUnreachable(err)) {
        // Down or restarting: the request may be sent again in a moment (nothing of it was kept).
        request.log.warn({ err }, `request ${request.id}: the database could not be reached`);
        void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return send(reply, 503, {
          error: { code: 'service_unavailable', message: message(language, 'service_unavailable'), requestId: request.id },
        });
      }
      const fastifyError = err as FastifyError;
      if (fastifyError.validation?.length) {
        const { field, reason } = describeValidation(language, fastifyError.validationContext, fastifyError.validation[0] as unknown as AjvError);
        return send(reply, 400, {
          error: { code: 'validation_failed', message: message(language, 'validation_failed', { field, reason }), field },
        });
      }
      const status = fastifyError.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const code = STATUS_CODES[status] ?? 'bad_request';
        return send(reply, status, {
          error: { code, message: message(language, code, { limit: app.initialConfig.bodyLimit ?? 0 }) },
        });
      }
      // 5xx: the caller learns only that it failed and the reference to quote; the log has the rest.
      request.log.error({ err }, `request ${request.id} failed`);
      const code: MessageCode = status === 503 ? 'service_unavailable' : 'internal_error';
      return send(reply, status >= 500 && status < 600 ? status : 500, {
        error: { code, message: message(language, code, { requestId: request.id }), requestId: request.id },
      });
    });

    app.setNotFoundHandler(function notFound(request, reply) {
      return send(reply, 404, { error: { code: 'not_found', message: message(request.language, 'not_found') } });
    });
  },
  { name: 'enlace-errors' },
);
