import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseState } from '../account.ts';
import type { Services } from '../context.ts';

export const healthRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Liveness: the process answers (restart it when not). Readiness: it can serve (database reachable,
    // migrations applied), so a load balancer sends it requests only then.
    app.get(
      '/health/live',
      {
        schema: {
          summary: 'Liveness',
          tags: ['system'],
          response: { 200: z.strictObject({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/health/ready',
      {
        schema: {
          summary: 'Readiness: database reachable and migrated',
          tags: ['system'],
          response: {
            200: z.strictObject({ status: z.literal('ok'), migration: z.string() }),
            503: z.strictObject({ status: z.literal('unavailable'), reason: z.string() }),
          },
        },
      },
      async (_request, reply) => {
        const state = await databaseState(services.store);
        if (!state.ok)
          return reply.status(503).send({ status: 'unavailable' as const, reason: state.reason });
        if (!state.migration)
          return reply.status(503).send({ status: 'unavailable' as const, reason: 'not migrated' });
        return { status: 'ok' as const, migration: state.migration };
      },
    );
    app.get(
      '/health',
      {
        schema: {
          summary: 'Database reachability and migration version',
          tags: ['system'],
          response: {
            200: z.object({
              status: z.literal('ok'),
              database: z.string(),
              kind: z.string(),
              migration: z.string(),
            }),
            503: z.object({ status: z.literal('unavailable'), database: z.string(), kind: z.string() }),
          },
        },
      },
      async (_request, reply) => {
        const state = await databaseState(services.store);
        if (!state.ok) {
          return reply
            .status(503)
            .send({ status: 'unavailable' as const, database: 'unreachable', kind: services.store.kind });
        }
        return {
          status: 'ok' as const,
          database: 'reachable',
          kind: services.store.kind,
          migration: state.migration ?? 'none',
        };
      },
    );
  };
