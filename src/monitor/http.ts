import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessDenied } from '../access/policy.ts';
import { access, type Services } from '../server/context.ts';
import { FileBody } from '../server/wire.ts';
import { assessmentHistory, HANDVATTEN, policyOverview, submitAssessment } from './assessment.ts';
import { ACTION_LINES, BREAKDOWNS } from './indicators.ts';
import {
  aggregateScope,
  closePeriod,
  createIndicator,
  indicatorTable,
  listFigures,
  listIndicators,
  submitFigure,
  tableCsv,
} from './service.ts';

const purposeNote = 'Header X-Ketenplein-Purpose: statistics.';
const LabelSchema = z.strictObject({ nl: z.string(), en: z.string() });
/** THE wire shape of every figure (issue 17, item 7). */
export const CellSchema = z.strictObject({
  dimensions: z.record(z.string(), z.string()),
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
const RuleSchema = z.strictObject({ threshold: z.number(), method: z.string(), description: LabelSchema });
const IndicatorSchema = z.strictObject({
  id: z.string(),
  actionLine: z.number(),
  name: LabelSchema,
  definition: z.record(z.string(), z.unknown()),
  unit: z.string(),
  period: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  breakdowns: z.array(z.string()),
  source: z.string(),
  sourceLabel: LabelSchema,
  builtIn: z.boolean(),
});
const TableSchema = z.strictObject({
  indicatorId: z.string(),
  year: z.number(),
  scope: z.string(),
  breakdown: z.string().nullable(),
  available: z.boolean(),
  note: LabelSchema.nullable(),
  cells: z.array(CellSchema),
  totals: z.array(CellSchema),
  counts: z.strictObject({ cells: z.array(CellSchema), totals: z.array(CellSchema) }).nullable(),
  interval: z
    .strictObject({
      lower: z.number().nullable(),
      upper: z.number().nullable(),
      level: z.number().nullable(),
    })
    .nullable(),
  rule: RuleSchema,
});
const FigureSchema = z.strictObject({
  id: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
  orgId: z.string(),
  orgName: z.string(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  note: z.string().nullable(),
});
const AnswerSchema = z.enum(['yes', 'partly', 'no', 'unknown']);
const EvidenceSchema = z.strictObject({
  item: z.string().max(60),
  url: z.string().max(2000),
  title: z.string().max(300),
});
const AssessmentSchema = z.strictObject({
  id: z.string(),
  municipality: z.string(),
  municipalityName: z.string(),
  version: z.number(),
  answers: z.record(z.string(), AnswerSchema),
  evidence: z.array(EvidenceSchema),
  submittedAt: z.string(),
});
const TableQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).default(new Date().getFullYear()),
  breakdown: z.enum(BREAKDOWNS).optional(),
  /** Asking for the unsuppressed table is refused with 403 (issue 17, bad input). */
  suppressed: z.enum(['true', 'false']).optional(),
});

/** The programme monitor and the municipal approach (src/monitor/service.ts, assessment.ts). */
export const monitorRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/action-lines',
      {
        schema: {
          summary: `The programme's five action lines and the self-assessment items. ${purposeNote}`,
          tags: ['monitor'],
          response: {
            200: z.strictObject({
              actionLines: z.array(z.strictObject({ line: z.number(), name: LabelSchema })),
              handvatten: z.array(z.strictObject({ item: z.string(), label: LabelSchema })),
            }),
          },
        },
      },
      async () => ({ actionLines: [...ACTION_LINES], handvatten: [...HANDVATTEN] }),
    );
    app.get(
      '/scope',
      {
        schema: {
          summary: `What the actor's aggregates cover: national, or its own municipality (CBS code). ${purposeNote}`,
          tags: ['monitor'],
          response: { 200: z.strictObject({ scope: z.string() }) },
        },
      },
      async (request) =>
        access(services, request, async (tx) => ({
          scope: (await aggregateScope(tx, 'aggregate')).municipality ?? 'national',
        })),
    );
    app.get(
      '/indicators',
      {
        schema: {
          summary: `Every indicator: built-in (computed) and added (partner). ${purposeNote}`,
          tags: ['monitor'],
          response: { 200: z.array(IndicatorSchema) },
        },
      },
      async (request) => access(services, request, (tx) => listIndicators(tx)),
    );
    app.post(
      '/indicators',
      {
        schema: {
          summary: `Add an indicator (programme role). Refuses unknown fields and a target outside the unit's range. ${purposeNote}`,
          tags: ['monitor'],
          body: z.strictObject({
            id: z.string().regex(/^[a-z][a-z0-9_]{2,62}$/),
            actionLine: z.number().int().min(1).max(5),
            name: z.strictObject({
              nl: z.string().trim().min(2).max(200),
              en: z.string().trim().min(2).max(200),
            }),
            definition: z.record(z.string(), z.unknown()),
            unit: z.string().max(20),
            period: z.string().max(20),
            baseline: z.number().nullable().optional(),
            target: z.number().nullable().optional(),
            breakdowns: z.array(z.string().max(40)).max(10).optional(),
            source: z.enum(['computed', 'partner']),
          }),
          response: { 201: IndicatorSchema },
        },
      },
      async (request, reply) => {
        const created = await access(services, request, (tx) => createIndicator(tx, request.body));
        return reply.status(201).send({ ...created, definition: { ...created.definition } });
      },
    );
    app.get(
      '/indicators/:id/table',
      {
        schema: {
          summary: `One indicator's suppressed table for a year: trend (no breakdown) or one breakdown. ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ id: z.string().max(64) }),
          querystring: TableQuery,
          response: { 200: TableSchema },
        },
      },
      async (request) => {
        refuseUnsuppressed(request.query.suppressed, 'aggregate');
        return access(services, request, (tx) =>
          indicatorTable(tx, request.params.id, {
            year: request.query.year,
            breakdown: request.query.breakdown,
          }),
        );
      },
    );
    app.get(
      '/indicators/:id/export.csv',
      {
        schema: {
          summary: `The same suppressed table as CSV (audited as an export). ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ id: z.string().max(64) }),
          querystring: TableQuery,
          response: { 200: FileBody.describe('text/csv') },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed, 'export');
        const table = await access(services, request, (tx) =>
          indicatorTable(
            tx,
            request.params.id,
            { year: request.query.year, breakdown: request.query.breakdown },
            'export',
          ),
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="ketenplein-${table.indicatorId}-${table.year}${table.breakdown ? `-${table.breakdown}` : ''}.csv"`,
          )
          .send(tableCsv(table));
      },
    );
    app.get(
      '/indicators/:id/figures',
      {
        schema: {
          summary: `Partner figures per period with provenance; corrections keep the earlier value. ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ id: z.string().max(64) }),
          response: { 200: z.array(FigureSchema) },
        },
      },
      async (request) => access(services, request, (tx) => listFigures(tx, request.params.id)),
    );
    app.post(
      '/indicators/:id/figures',
      {
        schema: {
          summary: `Submit (or correct) a partner figure for a period that is not closed. ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ id: z.string().max(64) }),
          body: z.strictObject({
            period: z.string().max(10),
            value: z.number(),
            supersedes: z.uuid().nullable().optional(),
            note: z.string().max(1000).nullable().optional(),
          }),
          response: { 201: z.strictObject({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const id = await access(services, request, (tx) => submitFigure(tx, request.params.id, request.body));
        return reply.status(201).send({ id });
      },
    );
    app.post(
      '/periods',
      {
        schema: {
          summary: `Close a period: no partner figure for it any more (programme role). ${purposeNote}`,
          tags: ['monitor'],
          body: z.strictObject({ period: z.string().max(10) }),
          response: { 201: z.strictObject({ period: z.string() }) },
        },
      },
      async (request, reply) => {
        await access(services, request, (tx) => closePeriod(tx, request.body.period));
        return reply.status(201).send({ period: request.body.period });
      },
    );
    app.get(
      '/municipalities/:code/assessment',
      {
        schema: {
          summary: `Every version of one's own municipality's self-assessment (403 for another). ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ code: z.string().regex(/^GM\d{4}$/) }),
          response: { 200: z.array(AssessmentSchema) },
        },
      },
      async (request) => access(services, request, (tx) => assessmentHistory(tx, request.params.code)),
    );
    app.post(
      '/municipalities/:code/assessment',
      {
        schema: {
          summary: `A new version of one's own municipality's self-assessment, with evidence links. ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ code: z.string().regex(/^GM\d{4}$/) }),
          body: z.strictObject({
            answers: z.record(z.string().max(60), z.string().max(20)),
            evidence: z.array(EvidenceSchema).max(50).optional(),
          }),
          response: { 201: AssessmentSchema },
        },
      },
      async (request, reply) => {
        const saved = await access(services, request, (tx) =>
          submitAssessment(tx, request.params.code, request.body),
        );
        return reply.status(201).send(saved);
      },
    );
    app.get(
      '/policy-status',
      {
        schema: {
          summary: `National policy status: progress toward "every municipality has clear policy". ${purposeNote}`,
          tags: ['monitor'],
          response: {
            200: z.strictObject({
              baseline: z.strictObject({ participated: z.number(), municipalities: z.number() }),
              municipalities: z.number(),
              target: LabelSchema,
              cells: z.array(CellSchema),
              totals: z.array(CellSchema),
              byMunicipality: z.array(
                z.strictObject({
                  municipality: z.string(),
                  name: z.string(),
                  safetyRegion: z.string(),
                  status: z.string(),
                  version: z.number().nullable(),
                }),
              ),
              rule: RuleSchema,
            }),
          },
        },
      },
      async (request) => access(services, request, (tx) => policyOverview(tx)),
    );
  };

function refuseUnsuppressed(flag: string | undefined, action: string) {
  if (flag === 'false') {
    throw new AccessDenied(
      'not_permitted',
      'Een tabel zonder onderdrukking kleine aantallen wordt niet verstrekt / a table without small-cell suppression is never provided',
      'monitor_aggregate',
      action,
    );
  }
}
