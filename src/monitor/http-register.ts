import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessDenied } from '../access/policy.ts';
import { access, type Services } from '../server/context.ts';
import { FileBody } from '../server/wire.ts';
import { municipalityPage } from './municipal.ts';
import {
  ACTIVITY_KINDS,
  activityHistory,
  MEASURE_STATUSES,
  measureHistory,
  OUTPUT_UNITS,
  programmeRegister,
  reportTexts,
  saveActivity,
  saveMeasure,
  saveReportText,
} from './register.ts';
import { buildReport, openData, openDataRows, reportHtml, reportPdf, tableSheets, toCsv } from './report.ts';
import { areaTable, indicatorTable, MAP_LEVELS } from './service.ts';
import { xlsx } from './xlsx.ts';

const purposeNote = 'Header X-Ketenplein-Purpose: statistics.';
const MilestoneSchema = z.strictObject({
  title: z.string().trim().min(2).max(300),
  due: z.string().max(10),
  done: z.boolean(),
});
const MeasureBody = z.strictObject({
  actionLine: z.number().int(),
  title: z.string().trim().min(2).max(300),
  description: z.string().max(4000).optional(),
  owners: z.array(z.string().max(200)).min(1).max(10),
  status: z.string().max(20),
  milestones: z.array(MilestoneSchema).max(50).optional(),
});
const ActivityBody = z.strictObject({
  measureId: z.uuid(),
  kind: z.string().max(20),
  title: z.string().trim().min(2).max(300),
  audience: z.string().max(300).optional(),
  organisation: z.string().trim().min(2).max(200),
  period: z.string().max(10),
  outputUnit: z.string().max(20),
  planned: z.number().int().min(0).max(10_000_000),
  delivered: z.number().int().min(0).max(10_000_000),
});
const ActivitySchema = z.strictObject({
  id: z.string(),
  version: z.number(),
  measureId: z.string(),
  kind: z.string(),
  title: z.string(),
  audience: z.string(),
  organisation: z.string(),
  period: z.string(),
  outputUnit: z.string(),
  planned: z.number(),
  delivered: z.number(),
  changedBy: z.string(),
  changedAt: z.string(),
});
const MeasureSchema = z.strictObject({
  id: z.string(),
  version: z.number(),
  actionLine: z.number(),
  title: z.string(),
  description: z.string(),
  owners: z.array(z.string()),
  status: z.string(),
  milestones: z.array(z.strictObject({ title: z.string(), due: z.string(), done: z.boolean() })),
  changedBy: z.string(),
  changedAt: z.string(),
  activities: z.array(ActivitySchema),
});
const ReportTextSchema = z.strictObject({
  year: z.number(),
  actionLine: z.number(),
  version: z.number(),
  body: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
});
const LabelSchema = z.strictObject({ nl: z.string(), en: z.string() });
const CellSchema = z.strictObject({
  dimensions: z.record(z.string(), z.string()),
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
const RuleSchema = z.strictObject({ threshold: z.number(), method: z.string(), description: LabelSchema });
const Year = z.coerce.number().int().min(2000).max(2100).default(new Date().getFullYear());
/** Every export: a year, and `suppressed=false` is refused with 403. */
const ExportQuery = z.strictObject({ year: Year, suppressed: z.enum(['true', 'false']).optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function refuseUnsuppressed(flag: string | undefined) {
  if (flag === 'false') {
    throw new AccessDenied(
      'not_permitted',
      'Een tabel zonder onderdrukking kleine aantallen wordt niet verstrekt / a table without small-cell suppression is never provided',
      'monitor_aggregate',
      'export',
    );
  }
}

const Edit = z.strictObject({ id: z.uuid() });
const Version = z.strictObject({ version: z.number().int().min(1) });

/** The programme register and the report's text blocks (src/monitor/register.ts). */
export const registerRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/programme',
      {
        schema: {
          summary: `The programme register: measures per action line with their activities (current versions). ${purposeNote}`,
          tags: ['monitor'],
          response: {
            200: z.strictObject({
              statuses: z.array(z.string()),
              kinds: z.array(z.string()),
              outputUnits: z.array(z.string()),
              measures: z.array(MeasureSchema),
            }),
          },
        },
      },
      async (request) =>
        access(services, request, async (tx) => ({
          statuses: [...MEASURE_STATUSES],
          kinds: [...ACTIVITY_KINDS],
          outputUnits: [...OUTPUT_UNITS],
          measures: await programmeRegister(tx),
        })),
    );
    app.post(
      '/programme/measures',
      {
        schema: {
          summary: `Add a measure (programme role at the ministry). ${purposeNote}`,
          tags: ['monitor'],
          body: MeasureBody,
          response: { 201: MeasureSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await access(services, request, (tx) => saveMeasure(tx, request.body))),
    );
    app.put(
      '/programme/measures/:id',
      {
        schema: {
          summary: `A new version of a measure; \`version\` is the one edited (409 when someone else was first). ${purposeNote}`,
          tags: ['monitor'],
          params: Edit,
          body: MeasureBody.extend(Version.shape),
          response: { 200: MeasureSchema },
        },
      },
      async (request) => {
        const { version, ...input } = request.body;
        return access(services, request, (tx) => saveMeasure(tx, input, { id: request.params.id, version }));
      },
    );
    app.get(
      '/programme/measures/:id/history',
      {
        schema: {
          summary: `Every version of a measure, newest first. ${purposeNote}`,
          tags: ['monitor'],
          params: Edit,
          response: { 200: z.array(MeasureSchema) },
        },
      },
      async (request) => access(services, request, (tx) => measureHistory(tx, request.params.id)),
    );
    app.post(
      '/programme/activities',
      {
        schema: {
          summary: `Add an activity with its outputs under a measure (programme role). ${purposeNote}`,
          tags: ['monitor'],
          body: ActivityBody,
          response: { 201: ActivitySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await access(services, request, (tx) => saveActivity(tx, request.body))),
    );
    app.put(
      '/programme/activities/:id',
      {
        schema: {
          summary: `A new version of an activity (e.g. trainings given); \`version\` is the one edited. ${purposeNote}`,
          tags: ['monitor'],
          params: Edit,
          body: ActivityBody.extend(Version.shape),
          response: { 200: ActivitySchema },
        },
      },
      async (request) => {
        const { version, ...input } = request.body;
        return access(services, request, (tx) => saveActivity(tx, input, { id: request.params.id, version }));
      },
    );
    app.get(
      '/programme/activities/:id/history',
      {
        schema: {
          summary: `Every version of an activity, newest first. ${purposeNote}`,
          tags: ['monitor'],
          params: Edit,
          response: { 200: z.array(ActivitySchema) },
        },
      },
      async (request) => access(services, request, (tx) => activityHistory(tx, request.params.id)),
    );
    app.get(
      '/report/texts',
      {
        schema: {
          summary: `The progress report's text blocks for a year (0 = introduction, 1–5 = action lines). ${purposeNote}`,
          tags: ['monitor'],
          querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.array(ReportTextSchema) },
        },
      },
      async (request) => access(services, request, (tx) => reportTexts(tx, request.query.year)),
    );
    app.put(
      '/report/texts',
      {
        schema: {
          summary: `A new version of one text block; \`basedOn\` is the version edited (0 for the first). ${purposeNote}`,
          tags: ['monitor'],
          body: z.strictObject({
            year: z.number().int().min(2000).max(2100),
            actionLine: z.number().int(),
            body: z.string().max(8000),
            basedOn: z.number().int().min(0),
          }),
          response: { 200: ReportTextSchema },
        },
      },
      async (request) => access(services, request, (tx) => saveReportText(tx, request.body)),
    );
    app.get(
      '/map',
      {
        schema: {
          summary: `One value per area (municipality, province, safety region, police unit = RIEC region) for a choropleth map, suppressed like every table. ${purposeNote}`,
          tags: ['monitor'],
          querystring: z.strictObject({
            indicator: z.string().max(64).default('signals_received'),
            level: z.string().max(40),
            year: Year,
          }),
          response: {
            200: z.strictObject({
              indicatorId: z.string(),
              year: z.number(),
              scope: z.string(),
              level: z.enum(Object.keys(MAP_LEVELS) as [keyof typeof MAP_LEVELS]),
              dimension: z.string(),
              cells: z.array(CellSchema),
              totals: z.array(CellSchema),
              rule: RuleSchema,
            }),
          },
        },
      },
      async (request) =>
        access(services, request, (tx) =>
          areaTable(tx, request.query.indicator, { year: request.query.year, level: request.query.level }),
        ),
    );
    app.get(
      '/municipalities/:code/figures',
      {
        schema: {
          summary: `A municipality's page: its own figures (suppressed), its policy status, the size estimate. A municipality sees only its own. ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ code: z.string().regex(/^GM\d{4}$/) }),
          querystring: z.strictObject({ year: Year }),
          response: {
            200: z.strictObject({
              municipality: z.string(),
              name: z.string(),
              safetyRegion: z.string(),
              province: z.string().nullable(),
              year: z.number(),
              scope: z.string(),
              cells: z.array(CellSchema),
              trend: z.strictObject({ cells: z.array(CellSchema), totals: z.array(CellSchema) }).nullable(),
              policy: z.strictObject({ status: z.string(), version: z.number().nullable() }),
              estimate: z
                .strictObject({
                  value: z.number().nullable(),
                  lower: z.number().nullable(),
                  upper: z.number().nullable(),
                  note: LabelSchema,
                })
                .nullable(),
              pending: z.array(LabelSchema),
              rule: RuleSchema,
            }),
          },
        },
      },
      async (request) => {
        const page = await access(services, request, (tx) =>
          municipalityPage(tx, request.params.code, request.query.year),
        );
        return { ...page, trend: page.trend ? { cells: page.trend.cells, totals: page.trend.totals } : null };
      },
    );
    app.get(
      '/report.pdf',
      {
        schema: {
          summary: `The progress report as PDF: per action line the programme's text, measures, figures and charts (audited export). ${purposeNote}`,
          tags: ['monitor'],
          querystring: ExportQuery,
          response: { 200: FileBody.describe('application/pdf') },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const report = await access(services, request, (tx) => buildReport(tx, request.query.year));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="voortgangsrapportage-${report.year}.pdf"`)
          .send(await reportPdf(report));
      },
    );
    app.get(
      '/report.html',
      {
        schema: {
          summary: `The progress report as an accessible HTML page (audited export). ${purposeNote}`,
          tags: ['monitor'],
          querystring: ExportQuery,
          response: { 200: FileBody.describe('text/html') },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const report = await access(services, request, (tx) => buildReport(tx, request.query.year));
        return reply.header('content-type', 'text/html; charset=utf-8').send(reportHtml(report));
      },
    );
    app.get(
      '/open-data.json',
      {
        schema: {
          summary: `Open data: every suppressed aggregate with its metadata (definitions, period, suppression rule); audited export. ${purposeNote}`,
          tags: ['monitor'],
          querystring: ExportQuery,
          response: { 200: FileBody.describe('application/json') },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const data = await access(services, request, (tx) => openData(tx, request.query.year));
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="ketenplein-monitor-${data.metadata.year}.json"`,
          )
          .send(JSON.stringify(data, null, 1));
      },
    );
    app.get(
      '/open-data.csv',
      {
        schema: {
          summary: `Open data as one long CSV table (its rule in the last line); audited export. ${purposeNote}`,
          tags: ['monitor'],
          querystring: ExportQuery,
          response: { 200: FileBody.describe('text/csv') },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const data = await access(services, request, (tx) => openData(tx, request.query.year));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="ketenplein-monitor-${data.metadata.year}.csv"`,
          )
          .send(toCsv(openDataRows(data), data.metadata.suppression?.description.en));
      },
    );
    app.get(
      '/open-data.xlsx',
      {
        schema: {
          summary: `Open data as an XLSX workbook (data and metadata sheets); audited export. ${purposeNote}`,
          tags: ['monitor'],
          querystring: ExportQuery,
          response: { 200: FileBody.describe(XLSX) },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const data = await access(services, request, (tx) => openData(tx, request.query.year));
        const meta = data.metadata;
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="ketenplein-monitor-${meta.year}.xlsx"`)
          .send(
            Buffer.from(
              xlsx([
                { name: 'Data', rows: openDataRows(data) },
                {
                  name: 'Indicatoren',
                  rows: [
                    ['id', 'naam', 'name', 'actionLine', 'unit', 'period', 'source', 'definition'],
                    ...meta.indicators.map((i) => [
                      i.id,
                      i.name.nl,
                      i.name.en,
                      i.actionLine,
                      i.unit,
                      i.period,
                      i.source,
                      JSON.stringify(i.definition),
                    ]),
                  ],
                },
                {
                  name: 'Toelichting',
                  rows: [
                    ['title', meta.title.nl],
                    ['publisher', meta.publisher],
                    ['licence', meta.licence],
                    ['year', meta.year],
                    ['scope', meta.scope],
                    ['generatedAt', meta.generatedAt],
                    ['threshold', meta.suppression?.threshold ?? null],
                    ['rule', meta.suppression?.description.nl ?? null],
                  ],
                },
              ]),
            ),
          );
      },
    );
    app.get(
      '/indicators/:id/export.xlsx',
      {
        schema: {
          summary: `One indicator's suppressed table as XLSX (audited export). ${purposeNote}`,
          tags: ['monitor'],
          params: z.strictObject({ id: z.string().max(64) }),
          querystring: ExportQuery.extend({ breakdown: z.string().max(40).optional() }),
          response: { 200: FileBody.describe(XLSX) },
        },
      },
      async (request, reply) => {
        refuseUnsuppressed(request.query.suppressed);
        const table = await access(services, request, (tx) =>
          indicatorTable(
            tx,
            request.params.id,
            { year: request.query.year, breakdown: request.query.breakdown },
            'export',
          ),
        );
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="ketenplein-${table.indicatorId}-${table.year}${table.breakdown ? `-${table.breakdown}` : ''}.xlsx"`,
          )
          .send(Buffer.from(xlsx(tableSheets(table, table.indicatorId))));
      },
    );
  };
