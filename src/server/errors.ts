import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Label } from '../domain/label.ts';
import { labelOf, langOf, MESSAGES, Problem, type ProblemDetail } from '../domain/problem.ts';
import { describeIssue } from '../signals/errors.ts';

/** The one error shape of the API: `{ error: { code, message, field?, details?, line?, requestId } }`. */
export const ErrorBody = z
  .strictObject({
    error: z.looseObject({
      code: z.string().describe('stable code a program can act on'),
      message: z.string().describe("the reason, in the request's language (Accept-Language)"),
      field: z.string().optional().describe('the field the problem is about'),
      line: z.number().int().optional(),
      details: z
        .array(
          z.strictObject({
            code: z.string(),
            message: z.string(),
            field: z.string().optional(),
            line: z.number().int().optional(),
            column: z.string().optional(),
          }),
        )
        .optional()
        .describe('every problem, when there are several'),
      requestId: z.string(),
    }),
  })
  .describe('An error');

/** Error answers every route may give; merged into each route's response schema (routes-schema test). */
export const ERROR_RESPONSES = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

interface ApiError {
  code: string;
  message: Label;
  field?: string;
  line?: number;
  details?: readonly ProblemDetail[];
}

/** The body of an error answer in one language. */
export function errorBody(problem: ApiError, request: FastifyRequest) {
  const lang = langOf(request.headers['accept-language']);
  const details = problem.details?.length
    ? problem.details.map((d) => ({ ...d, message: d.message[lang] }))
    : undefined;
  return {
    error: {
      code: problem.code,
      message: problem.message[lang],
      ...(problem.field ? { field: problem.field } : {}),
      ...(problem.line !== undefined ? { line: problem.line } : {}),
      ...(details ? { details } : {}),
      requestId: request.id,
    },
  };
}

interface Coded {
  statusCode?: number;
  code?: string;
  field?: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: Label }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: MESSAGES.malformedJson },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', message: MESSAGES.emptyJson },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: MESSAGES.tooLarge },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: MESSAGES.mediaType,
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
      ? MESSAGES.unknownField
      : describeIssue(issue as unknown as Parameters<typeof describeIssue>[0], inputOf(request, error))
          .message;
    return send(reply, request, 400, { code: 'invalid_input', field, message: reason });
  }
  if (error.code && FASTIFY_CODES[error.code]) {
    const known = FASTIFY_CODES[error.code];
    return send(reply, request, known.status, { code: known.code, message: known.message });
  }
  if (error.statusCode === 429) {
    return send(reply, request, 429, { code: 'rate_limited', message: MESSAGES.rateLimited });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const problem = error instanceof Problem ? error : undefined;
    return send(reply, request, status, {
      code: typeof error.code === 'string' && !error.code.startsWith('FST_') ? error.code : 'bad_request',
      message: labelOf(error),
      ...(error.field ? { field: error.field } : {}),
      ...(problem?.line !== undefined ? { line: problem.line } : {}),
      ...(problem?.details.length ? { details: problem.details } : {}),
    });
  }
  // Only the error itself is logged, never the request body (it may hold personal data).
  request.log.error(
    { err: { message: error.message, stack: error.stack, code: error.code } },
    'request failed',
  );
  return send(reply, request, 500, { code: 'internal', message: MESSAGES.internal });
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
  return reply.status(status).send(errorBody(body, request));
}
