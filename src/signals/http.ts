import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ValidationError } from '../domain/validate/result.ts';
import { access, type Services } from '../server/context.ts';
import { ImportFileError } from './import/read.ts';
import { templateCsv, templateXlsx } from './import/template.ts';
import { validateImport } from './import/validate.ts';
import { DECLINE_REASONS, OUTCOMES } from './lifecycle.ts';
import { parseSignal } from './parse.ts';
import { ROUTE_CODES } from './routes.ts';
import {
  createRuleSet,
  decideLink,
  getNetwork,
  getSignal,
  listLinks,
  listQueue,
  listRuleSets,
  MAX_NETWORK_SIGNALS,
  submitSignal,
  transitionSignal,
} from './store/index.ts';

const Id = z.strictObject({ id: z.uuid() });
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const IMPORT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

function english(request: FastifyRequest): boolean {
  return (request.headers['accept-language'] ?? '').toLowerCase().startsWith('en');
}

/** Every problem of a refused signal at once; the first also in the usual `code/message/field` place. */
function refuse(request: FastifyRequest, reply: FastifyReply, errors: ValidationError[]) {
  const lang = english(request) ? 'en' : 'nl';
  const details = errors.map((e) => ({ code: e.code, field: e.field, message: e.message[lang] }));
  return reply.status(400).send({ error: { ...details[0], details } });
}

const Transition = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start_triage'), note: z.string().max(2000).optional() }),
  z.strictObject({
    action: z.literal('route'),
    route: z.enum(ROUTE_CODES),
    team: z.uuid(),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ action: z.literal('accept'), note: z.string().max(2000).optional() }),
  z.strictObject({
    action: z.literal('decline'),
    reason: z.enum(DECLINE_REASONS),
    note: z.string().max(2000),
  }),
  z.strictObject({ action: z.literal('retriage'), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('close'), outcome: z.enum(OUTCOMES), note: z.string().max(2000) }),
  z.strictObject({ action: z.literal('note'), note: z.string().max(2000) }),
]);

/**
 * Signals: intake (JSON and bulk files), queues, one signal, lifecycle steps, link suggestions and the
 * triage rule sets. Intake uses purpose signal_intake; triage signal_assessment; receiving teams their own.
 */
export const signalRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      IMPORT_TYPES,
      { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/signals',
      {
        schema: {
          summary:
            'Report a signal. Acknowledged with its id only once stored; the same Idempotency-Key and payload return the first signal.',
          tags: ['signals'],
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
          body: z.looseObject({}),
        },
      },
      async (request, reply) => {
        const parsed = parseSignal(request.body);
        if (!parsed.ok) return refuse(request, reply, parsed.errors);
        const payloadHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
        const receipt = await access(services, request, (tx) =>
          submitSignal(tx, services.cipher, parsed.signal, {
            idempotencyKey: request.headers['idempotency-key'],
            payloadHash,
          }),
        );
        return reply.status(receipt.created ? 201 : 200).send(receipt);
      },
    );

    app.get(
      '/signals',
      {
        schema: {
          summary:
            'A work list: triage (signal_assessment), team (routed to one’s organisation) or mine (reported)',
          tags: ['signals'],
          querystring: z.strictObject({
            queue: z.enum(['triage', 'team', 'mine']).default('mine'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      (request) =>
        access(services, request, (tx) => listQueue(tx, request.query.queue, { limit: request.query.limit })),
    );

    app.get(
      '/signals/import/template',
      {
        schema: {
          summary: 'The bulk import template (CSV or XLSX)',
          tags: ['signals'],
          querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        },
      },
      async (request, reply) => {
        if (request.query.format === 'csv') {
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="ketenplein-meldingen.csv"')
            .send(templateCsv());
        }
        const file = await templateXlsx(english(request) ? 'en' : 'nl');
        return reply
          .header('content-type', IMPORT_TYPES[1])
          .header('content-disposition', 'attachment; filename="ketenplein-meldingen.xlsx"')
          .send(file);
      },
    );

    app.post(
      '/signals/import',
      {
        schema: {
          summary:
            'Bulk import of a CSV or XLSX file (the body is the file). Every row is validated first; by default nothing is written unless all rows are valid, with mode=valid_only the valid rows are imported and the rest returned.',
          tags: ['signals'],
          querystring: z.strictObject({
            filename: z.string().max(200).optional(),
            mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing'),
          }),
        },
      },
      async (request, reply) => {
        const lang = english(request) ? 'en' : 'nl';
        const body = request.body;
        if (!Buffer.isBuffer(body)) {
          return reply.status(415).send({
            error: {
              code: 'unsupported_media_type',
              message:
                lang === 'en'
                  ? 'Send the file as text/csv or XLSX'
                  : 'Stuur het bestand als text/csv of XLSX',
            },
          });
        }
        let report: Awaited<ReturnType<typeof validateImport>>;
        try {
          report = await validateImport(body, {
            fileName: request.query.filename,
            maxBytes: IMPORT_MAX_BYTES,
          });
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
          const status = error.code === 'file_too_large' ? 413 : 400;
          return reply.status(status).send({
            error: { code: error.code, field: 'file', message: error.label[lang], line: error.line },
          });
        }
        const errors = report.errors.map((e) => ({
          line: e.line,
          column: e.column,
          code: e.code,
          message: e.message[lang],
        }));
        if (!report.ok && request.query.mode === 'all_or_nothing') {
          return reply.status(400).send({
            error: {
              code: 'invalid_rows',
              field: 'file',
              message:
                lang === 'en'
                  ? `${errors.length} problem(s) in the file; nothing was imported`
                  : `${errors.length} fout(en) in het bestand; er is niets geïmporteerd`,
              details: errors,
            },
          });
        }
        const created = await access(services, request, async (tx) => {
          const receipts = [];
          for (const row of report.valid) {
            const payloadHash = createHash('sha256').update(JSON.stringify(row.signal)).digest('hex');
            const receipt = await submitSignal(tx, services.cipher, row.signal, { payloadHash });
            receipts.push({ line: row.line, id: receipt.id });
          }
          return receipts;
        });
        return reply.status(201).send({ imported: created, rejected: errors });
      },
    );

    app.get(
      '/signals/:id',
      {
        schema: { summary: 'One signal, with the fields the purpose allows', tags: ['signals'], params: Id },
      },
      (request) => access(services, request, (tx) => getSignal(tx, services.cipher, request.params.id)),
    );

    app.post(
      '/signals/:id/transitions',
      {
        schema: {
          summary:
            'A lifecycle step: start_triage, route, accept, decline (reason, note), retriage, close (outcome, note), or a note alone (the reporter never sees notes)',
          tags: ['signals'],
          params: Id,
          body: Transition,
        },
      },
      (request) => access(services, request, (tx) => transitionSignal(tx, request.params.id, request.body)),
    );

    app.get(
      '/signals/:id/links',
      { schema: { summary: 'Link suggestions of a signal (triage)', tags: ['signals'], params: Id } },
      (request) => access(services, request, (tx) => listLinks(tx, request.params.id)),
    );

    app.get(
      '/signals/:id/network',
      {
        schema: {
          summary: `The network of confirmed links around a signal, up to ${MAX_NETWORK_SIGNALS} signals (triage)`,
          tags: ['signals'],
          params: Id,
        },
      },
      (request) => access(services, request, (tx) => getNetwork(tx, services.cipher, request.params.id)),
    );

    app.post(
      '/signals/:id/links/:linkId',
      {
        schema: {
          summary: 'Confirm or reject a suggested link (triage)',
          tags: ['signals'],
          params: z.strictObject({ id: z.uuid(), linkId: z.uuid() }),
          body: z.strictObject({ status: z.enum(['confirmed', 'rejected']) }),
        },
      },
      (request) =>
        access(services, request, (tx) =>
          decideLink(tx, request.params.id, request.params.linkId, request.body.status),
        ),
    );

    app.get(
      '/triage/rulesets',
      { schema: { summary: 'Triage rule sets, newest first (triage)', tags: ['triage'] } },
      (request) => access(services, request, (tx) => listRuleSets(tx)),
    );

    app.post(
      '/triage/rulesets',
      {
        schema: {
          summary: 'Save an edited rule set as the next version (triage)',
          tags: ['triage'],
          body: z.looseObject({}),
        },
      },
      async (request, reply) => {
        const saved = await access(services, request, (tx) => createRuleSet(tx, request.body));
        return reply.status(201).send(saved);
      },
    );
  };
