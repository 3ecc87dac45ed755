import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, type Services } from '../../server/context.ts';
import { listNotifications, markNotificationRead } from './store.ts';

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
      async (request) => access(services, request, (tx) => listNotifications(tx)),
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
      async (request) => access(services, request, (tx) => markNotificationRead(tx, request.params.id)),
    );
  };
