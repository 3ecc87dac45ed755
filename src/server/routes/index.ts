import type { FastifyInstance } from 'fastify';
import { allRoutes } from '../../capabilities.ts';
import type { Services } from '../context.ts';

/** Every capability's routes, from the registry (src/capabilities.ts), under their prefixes. */
export async function registerRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const route of allRoutes()) {
    const plugin = await route.load();
    await app.register(plugin(services), route.prefix ? { prefix: route.prefix } : {});
  }
}
