import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { label, Problem } from '../domain/problem.ts';
import { access, type Services } from '../server/context.ts';
import { readCsvRecords, referentOf } from './csv.ts';
import {
  listScreenings,
  listVersions,
  MAX_BATCH,
  publishDataset,
  readUpload,
  reportMisusedReferent,
  screenReferents,
  versionEntries,
} from './service.ts';

const UPLOAD_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
/** A Wav file of 100,000 rows is a few MB; anything near 20 MB is refused before it is read. */
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const publisherNote =
  'Header X-Ketenplein-Purpose: administrative_enforcement; role feed_publisher at the Inspectie SZW.';
const deskNote = 'Header X-Ketenplein-Purpose: visa_screening; role visa_officer at the visa desk.';

const Version = z.object({
  id: z.string(),
  version: z.number(),
  source: z.string(),
  rowCount: z.number(),
  retentionMonths: z.number(),
  contactPoint: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  expired: z.number().optional(),
});

const Entry = z.object({
  id: z.string(),
  reference: z.string(),
  kvk: z.string().nullable(),
  name: z.string(),
  tradeNames: z.array(z.string()),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  finedOn: z.string(),
  irrevocableOn: z.string(),
  article: z.string().nullable(),
  expiresOn: z.string(),
});

const Cell = z.string().max(500).optional();
const Row = z.strictObject({
  id: Cell,
  kvk: Cell,
  name: Cell,
  tradeNames: z.array(z.string().max(300)).max(20).optional(),
  street: Cell,
  houseNumber: Cell,
  postcode: Cell,
  city: Cell,
  finedOn: Cell,
  irrevocableOn: Cell,
  article: Cell,
});

/** The API's camelCase row as the file's columns, so both are validated alike. */
function rawRow(row: z.infer<typeof Row>): Record<string, string | undefined> {
  return {
    id: row.id,
    kvk: row.kvk,
    name: row.name,
    trade_names: row.tradeNames?.join('|'),
    street: row.street,
    house_number: row.houseNumber,
    postcode: row.postcode,
    city: row.city,
    fined_on: row.finedOn,
    irrevocable_on: row.irrevocableOn,
    article: row.article,
  };
}

const Application = z.strictObject({
  id: z.string().trim().min(1).max(100),
  referentName: z.string().trim().min(1).max(300),
  referentKvk: z.string().trim().max(20).optional(),
  street: z.string().trim().max(200).optional(),
  houseNumber: z.string().trim().max(20).optional(),
  postcode: z.string().trim().max(10).optional(),
  city: z.string().trim().max(100).optional(),
  contactPerson: z.string().trim().max(200).optional(),
});

const DeskResult = z.object({
  applicationRef: z.string(),
  verdict: z.enum(['hit', 'possible', 'none']),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  contact: z.object({ organisation: z.string(), contactPoint: z.string(), reference: z.string() }).nullable(),
});

const Screening = z.object({
  id: z.string(),
  screenedAt: z.string(),
  applicationRef: z.string(),
  referentName: z.string(),
  referentKvk: z.string().nullable(),
  verdict: z.string(),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  reference: z.string().nullable(),
});

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));

function toVersion(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    version: Number(row.version),
    source: String(row.source),
    rowCount: Number(row.row_count),
    retentionMonths: Number(row.retention_months),
    contactPoint: String(row.contact_point),
    publishedBy: String(row.published_by),
    publishedAt: iso(row.published_at),
    ...(row.expired !== undefined ? { expired: Number(row.expired) } : {}),
  };
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toEntry(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    reference: String(row.reference),
    kvk: str(row.kvk),
    name: String(row.name),
    tradeNames: (row.trade_names as string[] | undefined) ?? [],
    street: str(row.street),
    houseNumber: str(row.house_number),
    postcode: str(row.postcode),
    city: str(row.city),
    finedOn: String(row.fined_on),
    irrevocableOn: String(row.irrevocable_on),
    article: str(row.article),
    expiresOn: String(row.expires_on),
  };
}

function toScreening(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    screenedAt: iso(row.screened_at),
    applicationRef: String(row.application_ref),
    referentName: String(row.referent_name),
    referentKvk: str(row.referent_kvk),
    verdict: String(row.verdict),
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    reasons: (row.reasons as string[] | undefined) ?? [],
    reference: str(row.reference),
  };
}

/** Partner feeds: the Wav dataset (publisher) and referent screening (visa desk). */
export const feedsRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/wav/versions',
      {
        schema: {
          summary: `Every published version of one's own Wav dataset, with who published it. ${publisherNote}`,
          tags: ['feeds'],
          response: { 200: z.array(Version) },
        },
      },
      async (request) => (await access(services, request, (tx) => listVersions(tx))).map(toVersion),
    );

    app.post(
      '/wav/versions',
      {
        schema: {
          summary: `Publish a new version of the Wav dataset as JSON rows; all rows valid or nothing written (422 with a problem per row and field). ${publisherNote}`,
          tags: ['feeds'],
          body: z.strictObject({
            rows: z.array(Row).min(1).max(100_000),
            contactPoint: z.string().trim().min(3).max(300),
            retentionMonths: z.number().int().min(1).max(120).optional(),
          }),
          response: { 201: Version },
        },
      },
      async (request, reply) => {
        const { rows, contactPoint, retentionMonths } = request.body;
        const version = await access(services, request, (tx) =>
          publishDataset(tx, { rows: rows.map(rawRow), contactPoint, retentionMonths, source: 'api' }),
        );
        return reply.status(201).send(toVersion(version));
      },
    );

    app.post(
      '/wav/versions/upload',
      {
        schema: {
          summary: `Publish a new version from a CSV (text/csv) or XLSX file (the body is the file); all rows valid or nothing written. ${publisherNote}`,
          tags: ['feeds'],
          querystring: z.strictObject({
            contactPoint: z.string().trim().min(3).max(300),
            retentionMonths: z.coerce.number().int().min(1).max(120).optional(),
          }),
          response: { 201: Version },
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
        const version = await access(services, request, async (tx) => {
          // Authorised before the file is read, so a refused actor learns nothing about its content.
          await tx.authorize('create', 'wav_version');
          const rows = await readUpload(body, xlsx ? 'xlsx' : 'csv');
          return publishDataset(tx, {
            rows,
            contactPoint: request.query.contactPoint,
            retentionMonths: request.query.retentionMonths,
            source: xlsx ? 'xlsx' : 'csv',
          });
        });
        return reply.status(201).send(toVersion(version));
      },
    );

    app.get(
      '/wav/versions/:id/entries',
      {
        schema: {
          summary: `The rows of one of one's own versions. ${publisherNote}`,
          tags: ['feeds'],
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: z.array(Entry) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => versionEntries(tx, request.params.id))).map(toEntry),
    );

    app.post(
      '/screenings',
      {
        schema: {
          summary: `Screen one or more applications' referents: hit / possible / none with strength and reasons; for a (possible) hit only the publisher's contact point and a reference. Audited. ${deskNote}`,
          tags: ['feeds'],
          body: z.strictObject({ applications: z.array(Application).min(1).max(MAX_BATCH) }),
          response: { 200: z.object({ results: z.array(DeskResult) }) },
        },
      },
      async (request) => {
        const referents = request.body.applications.map((a) => ({
          id: a.id,
          name: a.referentName,
          kvk: a.referentKvk,
          street: a.street,
          houseNumber: a.houseNumber,
          postcode: a.postcode,
          city: a.city,
        }));
        return { results: await access(services, request, (tx) => screenReferents(tx, referents)) };
      },
    );

    app.post(
      '/screenings/batch',
      {
        schema: {
          summary: `Screen a CSV of applications (id, referent_name, referent_kvk, street, house_number, postcode, city; the body is the file). ${deskNote}`,
          tags: ['feeds'],
          response: { 200: z.object({ results: z.array(DeskResult) }) },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new Problem(
            415,
            'unsupported_media_type',
            label('Stuur een text/csv-bestand', 'Send a text/csv file'),
          );
        }
        const body = request.body;
        return {
          results: await access(services, request, async (tx) => {
            await tx.authorize('create', 'visa_screening');
            let rows: Record<string, string>[];
            try {
              rows = readCsvRecords(new TextDecoder('utf-8', { fatal: true }).decode(body));
            } catch {
              throw new Problem(
                400,
                'invalid_file',
                label('Het bestand is geen geldige CSV', 'The file is not valid CSV'),
                'file',
              );
            }
            const missing = rows.findIndex((r) => !(r.id ?? '').trim() || !(r.referent_name ?? '').trim());
            if (rows.length === 0 || missing >= 0) {
              throw new Problem(
                400,
                'invalid_input',
                label(
                  rows.length === 0
                    ? 'Het bestand heeft geen aanvragen'
                    : `Regel ${missing + 2}: id en referent_name zijn verplicht`,
                  rows.length === 0
                    ? 'The file has no applications'
                    : `Line ${missing + 2}: id and referent_name are required`,
                ),
                rows.length === 0 ? 'file' : 'referent_name',
              );
            }
            return screenReferents(tx, rows.map(referentOf));
          }),
        };
      },
    );

    app.post(
      '/referent-reports',
      {
        schema: {
          summary: `Register a referent whose earlier visas were not used for their purpose: a labour-exploitation signal for the chain's triage, which routes it to the Inspectie. ${deskNote}`,
          tags: ['feeds'],
          body: z.strictObject({
            referentName: z.string().trim().min(1).max(300),
            referentKvk: z.string().trim().max(20).optional(),
            postcode: z.string().trim().max(10).optional(),
            houseNumber: z.string().trim().max(20).optional(),
            city: z.string().trim().max(100).optional(),
            account: z.string().trim().min(10).max(4000),
            applicationRefs: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
          }),
          response: { 201: z.object({ id: z.string(), state: z.string(), receivedAt: z.string() }) },
        },
      },
      async (request, reply) => {
        const receipt = await access(services, request, (tx) =>
          reportMisusedReferent(tx, services.cipher, request.body),
        );
        return reply
          .status(201)
          .send({ id: receipt.id, state: receipt.state, receivedAt: receipt.receivedAt });
      },
    );

    app.get(
      '/screenings',
      {
        schema: {
          summary: `The desk's own screenings (latest 500). ${deskNote}`,
          tags: ['feeds'],
          response: { 200: z.array(Screening) },
        },
      },
      async (request) => (await access(services, request, (tx) => listScreenings(tx))).map(toScreening),
    );
  };
