import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AUDIT_EXPORT_LIMIT,
  AUDIT_SORTS,
  exportAudit,
  listAudit,
  listAuditPage,
  verifyAudit,
} from '../../access/audit-view.ts';
import { pageOf, pageQuery } from '../../access/paging.ts';
import { langOf } from '../../domain/problem.ts';
import { access, type Services } from '../context.ts';
import { FileBody } from '../wire.ts';
import { AuditEntry, AuditVerification, toAuditEntry } from './wire.ts';

const Day = z.iso.date('a date as YYYY-MM-DD');

/** The filters the list and the export share. */
const AuditQuery = z.strictObject({
  user: z.uuid().optional(),
  who: z.string().trim().min(2, 'at least 2 characters of a name or e-mail address').max(100).optional(),
  resource: z.string().max(64).optional(),
  record: z.string().max(64).optional(),
  from: Day.optional(),
  to: Day.optional(),
});
type AuditQuery = z.infer<typeof AuditQuery>;

const periodInOrder = (query: AuditQuery) => !query.from || !query.to || query.from <= query.to;
const periodError = {
  path: ['to'],
  params: {
    code: 'period_order',
    nl: 'De eerste dag ligt na de laatste dag',
    en: 'The first day lies after the last day',
  },
};

function filterOf(query: AuditQuery) {
  return {
    userId: query.user,
    who: query.who,
    resource: query.resource,
    recordId: query.record,
    from: query.from,
    to: query.to,
  };
}

/** The privacy officer's audit view. Header X-Ketenplein-Purpose: audit_control. */
export const auditRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        schema: {
          summary:
            'Audit entries of one’s own organisation, newest first (privacy officer, purpose audit_control)',
          tags: ['audit'],
          querystring: AuditQuery.extend({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            // At most 18 digits: the sequence is a bigint, and a longer number is no entry that exists.
            before: z
              .string()
              .regex(/^\d{1,18}$/, 'a whole number of at most 18 digits')
              .optional(),
          }).refine(periodInOrder, periodError),
          response: { 200: z.array(AuditEntry) },
        },
      },
      async (request) =>
        (
          await access(services, request, (tx) =>
            listAudit(tx, {
              ...filterOf(request.query),
              limit: request.query.limit,
              before: request.query.before,
            }),
          )
        ).map(toAuditEntry),
    );
    app.get(
      '/list',
      {
        schema: {
          summary:
            'One page of the audit entries of one’s own organisation (q: part of a user’s name or e-mail address), counted on the server (privacy officer, purpose audit_control)',
          tags: ['audit'],
          querystring: pageQuery(AUDIT_SORTS, { sort: 'at', dir: 'desc' })
            .extend(AuditQuery.omit({ who: true }).shape)
            .refine(periodInOrder, periodError),
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (request) => {
        const { user, record, ...rest } = request.query;
        const page = await access(services, request, (tx) =>
          listAuditPage(tx, { ...rest, userId: user, recordId: record }),
        );
        return { ...page, items: page.items.map(toAuditEntry) };
      },
    );
    app.get(
      '/export',
      {
        schema: {
          summary: `The filtered audit entries as CSV for Dutch spreadsheets (';', UTF-8 with BOM), at most ${AUDIT_EXPORT_LIMIT}; the export is audited`,
          tags: ['audit'],
          querystring: AuditQuery.refine(periodInOrder, periodError),
          response: { 200: FileBody.describe('the CSV file') },
        },
      },
      async (request, reply) => {
        const language = langOf(request.headers['accept-language']);
        const { csv } = await access(services, request, (tx) =>
          exportAudit(tx, filterOf(request.query), language),
        );
        const file = `auditlog-${new Date().toISOString().slice(0, 10)}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
    app.get(
      '/verify',
      {
        schema: {
          summary: 'Verify the whole hash chain; names the first broken entry',
          tags: ['audit'],
          response: { 200: AuditVerification },
        },
      },
      (request) => access(services, request, (tx) => verifyAudit(tx)),
    );
  };
