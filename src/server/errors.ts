import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeIssue } from '../signals/errors.ts';

/** The one error shape of the API: `{ error: { code, message, field? } }`. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

/** Bilingual messages are written "Nederlands / English"; the request's language picks one. */
export function localize(message: string, request: FastifyRequest): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  const english = (request.headers['accept-language'] ?? '').toLowerCase().startsWith('en');
  return english ? parts[1] : parts[0];
}

interface Coded {
  statusCode?: number;
  code?: string;
  field?: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'De body is geen geldige JSON / The body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'Lege JSON-body / Empty JSON body',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'De aanvraag is te groot / The request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Dit inhoudstype wordt niet ondersteund / Unsupported content type',
  },
};

export function errorHandler(error: FastifyError & Coded, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const path = String(first.instancePath ?? '')
      .replace(/^\//, '')
      .replaceAll('/', '.');
    const unknownKey = (first.params as { keys?: string[] } | undefined)?.keys?.[0];
    const field = [path, unknownKey].filter(Boolean).join('.') || error.validationContext || 'body';
    // zod's own text is English and names types ("Invalid input: expected string"): give the reason
    // in the user's language instead; `field` says where, and the web app labels it.
    const issue = {
      ...first.params,
      code: first.keyword,
      path: path ? path.split('.') : [],
      message: first.message,
    };
    const reason = unknownKey
      ? { nl: 'Onbekend veld', en: 'Unknown field' }
      : describeIssue(issue as unknown as Parameters<typeof describeIssue>[0], inputOf(request, error))
          .message;
    return send(reply, request, 400, {
      code: 'invalid_input',
      field,
      message: `${reason.nl} / ${reason.en}`,
    });
  }
  if (error.code && FASTIFY_CODES[error.code]) {
    const known = FASTIFY_CODES[error.code];
    return send(reply, request, known.status, { code: known.code, message: known.message });
  }
  if (error.statusCode === 429) {
    return send(reply, request, 429, {
      code: 'rate_limited',
      message: 'Te veel pogingen; probeer het later opnieuw / Too many attempts; try again later',
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return send(reply, request, status, {
      code: typeof error.code === 'string' && !error.code.startsWith('FST_') ? error.code : 'bad_request',
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
  // Only the error itself is logged, never the request body (it may hold personal data).
  request.log.error(
    { err: { message: error.message, stack: error.stack, code: error.code } },
    'request failed',
  );
  return send(reply, request, 500, {
    code: 'internal',
    message: 'Er ging iets mis aan onze kant / Something went wrong on our side',
  });
}

/** The part of the request that failed validation, to tell a missing value from a wrong one. */
function inputOf(request: FastifyRequest, error: FastifyError): unknown {
  if (error.validationContext === 'querystring') return request.query;
  if (error.validationContext === 'params') return request.params;
  if (error.validationContext === 'headers') return request.headers;
  return request.body;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: ApiError) {
  // The request id lets a user's report be matched with the log lines of that request.
  return reply
    .status(status)
    .send({ error: { ...body, message: localize(body.message, request), requestId: request.id } });
}
