import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery } from '../access/paging.ts';
import { label, langOf, Problem } from '../domain/problem.ts';
import { access, requireSession, type Services } from '../server/context.ts';
import { FileBody } from '../server/wire.ts';
import { templateCsv, templateXlsx } from './import/template.ts';
import { DECLINE_REASONS, OUTCOMES, SIGNAL_STATES } from './lifecycle.ts';
import { ROUTE_CODES } from './routes.ts';
import { assignSignal, listAssignees } from './store/assignment.ts';
import {
  createRuleSet,
  decideLink,
  getNetwork,
  getSignal,
  listLinks,
  listQueue,
  listQueuePage,
  listRuleSets,
  MAX_NETWORK_SIGNALS,
  QUEUE_SORTS,
  transitionSignal,
} from './store/index.ts';
import { IMPORT_MAX_BYTES, importSignals, reportSignal } from './submit.ts';
import {
  ImportResult,
  LinkDecision,
  LinkSuggestion,
  Network,
  QueueRow,
  Receipt,
  RuleSetVersion,
  SignalView,
  TransitionResult,
  toLinkSuggestion,
  toNetwork,
  toQueueRow,
  toRuleSetVersion,
  toSignalView,
} from './wire.ts';
import { Assignment, Work, workOf } from './work.ts';

const Id = z.strictObject({ id: z.uuid() });
const IMPORT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

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
          response: { 200: Receipt, 201: Receipt },
        },
      },
      async (request, reply) => {
        const receipt = await reportSignal(
          request.body,
          { idempotencyKey: request.headers['idempotency-key'] },
          services.cipher,
          (work) => access(services, request, work),
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
          response: { 200: z.array(QueueRow) },
        },
      },
      async (request) => {
        const rows = await access(services, request, (tx) =>
          listQueue(tx, request.query.queue, { limit: request.query.limit }),
        );
        return rows.map(toQueueRow);
      },
    );

    app.get(
      '/signals/list',
      {
        schema: {
          summary:
            'One page of a work list (triage, team or mine), searched (q: description, place, reference, id), filtered, sorted and counted on the server',
          tags: ['signals'],
          querystring: pageQuery(QUEUE_SORTS, { sort: 'received', dir: 'desc' }).extend({
            queue: z.enum(['triage', 'team', 'mine']).default('mine'),
            state: z.enum(SIGNAL_STATES).optional(),
            priority: z.enum(['urgent', 'high', 'normal', 'low']).optional(),
            minor: z.enum(['true', 'false']).optional(),
            assigned: z.enum(['me', 'nobody']).optional(),
          }),
          response: { 200: pageOf(QueueRow) },
        },
      },
      async (request) => {
        const { queue, minor, ...params } = request.query;
        const page = await access(services, request, (tx) =>
          listQueuePage(tx, queue, { ...params, minor: minor === undefined ? undefined : minor === 'true' }),
        );
        return { ...page, items: page.items.map(toQueueRow) };
      },
    );

    app.post(
      '/signals/:id/assignment',
      {
        schema: {
          summary:
            'Assign a signal to a colleague of one’s own organisation who holds the role that may handle it (userId), or take the assignment away (null); audited, the colleague is notified in the app',
          tags: ['signals'],
          params: Id,
          body: z.strictObject({ userId: z.uuid().nullable() }),
          response: { 200: Assignment },
        },
      },
      (request) =>
        access(services, request, (tx) => assignSignal(tx, request.params.id, request.body.userId)),
    );

    app.get(
      '/signals/assignees',
      {
        schema: {
          summary:
            'Colleagues a signal may be assigned to under the current purpose (same organisation and role)',
          tags: ['signals'],
          response: { 200: z.array(z.strictObject({ id: z.uuid(), name: z.string() })) },
        },
      },
      (request) => access(services, request, (tx) => listAssignees(tx)),
    );

    app.get(
      '/work',
      {
        schema: {
          summary:
            'The start page’s work: per purpose the user holds, counts of what waits (new, overdue, assigned to me, referrals received) with links, and the user’s notifications',
          tags: ['signals'],
          response: { 200: Work },
        },
      },
      (request) => workOf(services.store, requireSession(request).user),
    );

    app.get(
      '/signals/import/template',
      {
        schema: {
          summary: 'The bulk import template (CSV or XLSX)',
          tags: ['signals'],
          querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') }),
          response: { 200: FileBody.describe('The template file (text/csv or XLSX)') },
        },
      },
      async (request, reply) => {
        if (request.query.format === 'csv') {
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="ketenplein-meldingen.csv"')
            .send(templateCsv());
        }
        const file = await templateXlsx(langOf(request.headers['accept-language']));
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
          response: { 201: ImportResult },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new Problem(
            415,
            'unsupported_media_type',
            label('Stuur het bestand als text/csv of XLSX', 'Send the file as text/csv or XLSX'),
          );
        }
        const result = await importSignals(
          request.body,
          {
            fileName: request.query.filename,
            mode: request.query.mode,
            lang: langOf(request.headers['accept-language']),
          },
          services.cipher,
          (work) => access(services, request, work),
        );
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/signals/:id',
      {
        schema: {
          summary: 'One signal, with the fields the purpose allows',
          tags: ['signals'],
          params: Id,
          response: { 200: SignalView },
        },
      },
      async (request) =>
        toSignalView(
          await access(services, request, (tx) => getSignal(tx, services.cipher, request.params.id)),
        ),
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
          response: { 200: TransitionResult },
        },
      },
      (request) => access(services, request, (tx) => transitionSignal(tx, request.params.id, request.body)),
    );

    app.get(
      '/signals/:id/links',
      {
        schema: {
          summary: 'Link suggestions of a signal (triage)',
          tags: ['signals'],
          params: Id,
          response: { 200: z.array(LinkSuggestion) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listLinks(tx, request.params.id))).map(toLinkSuggestion),
    );

    app.get(
      '/signals/:id/network',
      {
        schema: {
          summary: `The network of confirmed links around a signal, up to ${MAX_NETWORK_SIGNALS} signals (triage)`,
          tags: ['signals'],
          params: Id,
          response: { 200: Network },
        },
      },
      async (request) =>
        toNetwork(
          await access(services, request, (tx) => getNetwork(tx, services.cipher, request.params.id)),
        ),
    );

    app.post(
      '/signals/:id/links/:linkId',
      {
        schema: {
          summary: 'Confirm or reject a suggested link (triage)',
          tags: ['signals'],
          params: z.strictObject({ id: z.uuid(), linkId: z.uuid() }),
          body: z.strictObject({ status: z.enum(['confirmed', 'rejected']) }),
          response: { 200: LinkDecision },
        },
      },
      (request) =>
        access(services, request, (tx) =>
          decideLink(tx, request.params.id, request.params.linkId, request.body.status),
        ),
    );

    app.get(
      '/triage/rulesets',
      {
        schema: {
          summary: 'Triage rule sets, newest first (triage)',
          tags: ['triage'],
          response: { 200: z.array(RuleSetVersion) },
        },
      },
      async (request) => (await access(services, request, (tx) => listRuleSets(tx))).map(toRuleSetVersion),
    );

    app.post(
      '/triage/rulesets',
      {
        schema: {
          summary: 'Save an edited rule set as the next version (triage)',
          tags: ['triage'],
          body: z.looseObject({}),
          response: { 201: RuleSetVersion },
        },
      },
      async (request, reply) => {
        const saved = await access(services, request, (tx) => createRuleSet(tx, request.body));
        return reply.status(201).send(toRuleSetVersion(saved));
      },
    );
  };
