import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { label, Problem } from '../domain/problem.ts';
import { access, type Services } from '../server/context.ts';
import { FileBody } from '../server/wire.ts';
import { accountLinks, flowsCsv, listBatches, moneyFlows, uploadBatch } from './fiu-service.ts';
import { readUpload } from './service.ts';

const UPLOAD_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
/** 50,000 transactions are about 15 MB of CSV; a larger body is refused (413) before it is read. */
export const FIU_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const fiuNote = 'Header X-Ketenplein-Purpose: criminal_investigation; role feed_publisher at FIU-Nederland.';
const investigatorNote =
  'Header X-Ketenplein-Purpose: criminal_investigation; role investigator at an investigation service (police, Inspectie SZW, KMar, OM).';

const Reason = z.object({
  rule: z.string(),
  indicator: z.string(),
  label: z.object({ nl: z.string(), en: z.string() }),
});

const Batch = z.object({
  id: z.string(),
  reference: z.string(),
  source: z.string(),
  rowCount: z.number(),
  rulesVersion: z.number(),
  uploadedAt: z.string(),
  signalCount: z.number().optional(),
});

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));

function toBatch(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    reference: String(row.reference),
    source: String(row.source),
    rowCount: Number(row.row_count),
    rulesVersion: Number(row.rules_version),
    uploadedAt: iso(row.uploaded_at),
    ...(row.signal_count !== undefined ? { signalCount: Number(row.signal_count) } : {}),
  };
}

const FlowQuery = z
  .strictObject({
    signalId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    minAmount: z.coerce.number().min(0).max(1e12).optional(),
  })
  .refine((q) => !!q.signalId !== !!q.caseId, {
    message: 'Geef signalId of caseId (één van beide) / give signalId or caseId (one of them)',
    path: ['signalId'],
  });

const Flows = z.object({
  accounts: z.array(z.string()),
  nodes: z.array(
    z.object({ id: z.string(), name: z.string(), iban: z.string().nullable(), focus: z.boolean() }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      currency: z.string(),
      total: z.number(),
      count: z.number(),
      first: z.string(),
      last: z.string(),
    }),
  ),
  transactions: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      bookedOn: z.string(),
      kind: z.string(),
      amount: z.number(),
      currency: z.string(),
      description: z.string().nullable(),
      place: z.string().nullable(),
      from: z.string(),
      to: z.string(),
    }),
  ),
});

/** FIU-Nederland's suspicious transactions: batches (FIU) and money flows (investigation services). */
export const fiuRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: FIU_UPLOAD_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/batches',
      {
        schema: {
          summary: `Upload a batch of suspicious transactions as CSV (text/csv) or XLSX (the body is the file; at most 20 MB, else 413). Every row valid or nothing stored (422 with a problem per row and field); the batch's money-flow indicators become signals for triage, with reasons. ${fiuNote}`,
          tags: ['feeds'],
          querystring: z.strictObject({ reference: z.string().trim().min(1).max(100) }),
          response: {
            201: z.object({
              batch: Batch,
              signals: z.array(
                z.object({
                  signalId: z.string(),
                  account: z.string(),
                  holder: z.string(),
                  reasons: z.array(Reason),
                }),
              ),
            }),
          },
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
        const body = request.body;
        const xlsx = String(request.headers['content-type'] ?? '').includes('spreadsheetml');
        const result = await access(services, request, async (tx) => {
          // Authorised before the file is read, so a refused actor learns nothing about its content.
          await tx.authorize('create', 'fiu_batch');
          const rows = await readUpload(body, xlsx ? 'xlsx' : 'csv');
          return uploadBatch(tx, services.cipher, {
            reference: request.query.reference,
            rows,
            source: xlsx ? 'xlsx' : 'csv',
          });
        });
        return reply.status(201).send({ batch: toBatch(result.batch), signals: result.signals });
      },
    );

    app.get(
      '/batches',
      {
        schema: {
          summary: `FIU batches with the number of signals each became (FIU: its own; investigation services: all). ${fiuNote} Or: ${investigatorNote}`,
          tags: ['feeds'],
          response: { 200: z.array(Batch) },
        },
      },
      async (request) => (await access(services, request, (tx) => listBatches(tx))).map(toBatch),
    );

    app.get(
      '/flows',
      {
        schema: {
          summary: `The money flows around a signal's or a case's accounts: nodes, edges with totals per currency, and the transactions; filter by period (from, to) and minimum amount. Each transaction shown is an audited read. ${investigatorNote}`,
          tags: ['feeds'],
          querystring: FlowQuery,
          response: { 200: Flows },
        },
      },
      async (request) => access(services, request, (tx) => moneyFlows(tx, request.query)),
    );

    app.get(
      '/accounts/:iban',
      {
        schema: {
          summary: `One account (IBAN, spaces allowed) as an identifier: the FIU signals it is in, the names, dates of birth and KvK numbers it was held under, its transactions counted. Each transaction read is audited. ${investigatorNote}`,
          tags: ['feeds'],
          params: z.strictObject({ iban: z.string().trim().min(5).max(50) }),
          response: {
            200: z.object({
              iban: z.string(),
              signals: z.array(
                z.object({ signalId: z.string(), batch: z.string(), reasons: z.array(Reason) }),
              ),
              holders: z.array(
                z.object({ name: z.string(), birthDate: z.string().nullable(), kvk: z.string().nullable() }),
              ),
              transactions: z.number(),
              incoming: z.number(),
              outgoing: z.number(),
            }),
          },
        },
      },
      async (request) => access(services, request, (tx) => accountLinks(tx, request.params.iban)),
    );

    app.get(
      '/flows.csv',
      {
        schema: {
          summary: `The same money flows as CSV, one line per edge (from, to, currency, total, count, first, last). ${investigatorNote}`,
          tags: ['feeds'],
          querystring: FlowQuery,
          response: { 200: FileBody.describe('text/csv') },
        },
      },
      async (request, reply) => {
        const flows = await access(services, request, (tx) => moneyFlows(tx, request.query));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="geldstromen.csv"')
          .send(flowsCsv(flows));
      },
    );
  };
