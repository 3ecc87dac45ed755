import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFound } from '../../access/context.ts';
import { access, type Services } from '../../server/context.ts';
import './tables.ts';

const Notification = z.strictObject({
  id: z.uuid(),
  kind: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** In-app notifications of one's organisation (issue 15, item 7): newest first, with the unread count. */
export const notificationRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/case-notifications',
      {
        schema: {
          summary:
            'Notifications to one’s organisation: referral received, task assigned, consultation invitation',
          tags: ['cases'],
          response: { 200: z.strictObject({ unread: z.number(), items: z.array(Notification) }) },
        },
      },
      async (request) =>
        access(services, request, async (tx) => {
          const decision = await tx.authorize('read', 'case_notification');
          const rows = await tx.db
            .selectFrom('case_notifications')
            .select(['id', 'org_id', 'kind', 'link', 'created_at', 'read_at'])
            .where((eb) => decision.where(eb, 'case_notifications'))
            .orderBy('created_at', 'desc')
            .limit(50)
            .execute();
          const unread = await tx.db
            .selectFrom('case_notifications')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where((eb) => decision.where(eb, 'case_notifications'))
            .where('read_at', 'is', null)
            .executeTakeFirstOrThrow();
          return {
            unread: Number(unread.n),
            items: rows.map((row) => ({
              id: row.id,
              kind: row.kind,
              link: row.link,
              createdAt: new Date(row.created_at).toISOString(),
              readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
            })),
          };
        }),
    );

    app.post(
      '/case-notifications/:id/read',
      {
        schema: {
          summary: 'Mark a notification read',
          tags: ['cases'],
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: z.strictObject({ id: z.uuid() }) },
        },
      },
      async (request) =>
        access(services, request, async (tx) => {
          const decision = await tx.authorize('update', 'case_notification');
          const done = await tx.db
            .updateTable('case_notifications')
            .set({ read_at: new Date() })
            .where('id', '=', request.params.id)
            .where((eb) => decision.where(eb, 'case_notifications'))
            .executeTakeFirst();
          if (Number(done.numUpdatedRows) === 0)
            throw new NotFound('Melding niet gevonden / Notification not found');
          tx.record(decision, [request.params.id], ['read_at']);
          return { id: request.params.id };
        }),
    );
  };
