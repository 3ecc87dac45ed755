import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, verifyAudit } from '../../access/audit-view.ts';
import { access, type Services } from '../context.ts';
import { AuditEntry, AuditVerification, toAuditEntry } from './wire.ts';

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
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            // At most 18 digits: the sequence is a bigint, and a longer number is no entry that exists.
            before: z
              .string()
              .regex(/^\d{1,18}$/, 'a whole number of at most 18 digits')
              .optional(),
            user: z.uuid().optional(),
            resource: z.string().max(64).optional(),
            record: z.string().max(64).optional(),
          }),
          response: { 200: z.array(AuditEntry) },
        },
      },
      async (request) =>
        (
          await access(services, request, (tx) =>
            listAudit(tx, {
              limit: request.query.limit,
              before: request.query.before,
              userId: request.query.user,
              resource: request.query.resource,
              recordId: request.query.record,
            }),
          )
        ).map(toAuditEntry),
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
