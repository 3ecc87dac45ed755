import type { FastifyInstance } from 'fastify';
import { crawlerRoutes } from '../../crawler/http.ts';
import { estimateRoutes, estimationRoundRoutes } from '../../estimate/app/http.ts';
import { privacyRoutes } from '../../privacy/http.ts';
import { signalRoutes } from '../../signals/http.ts';
import type { Services } from '../context.ts';
import { adminRoutes } from './admin.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { healthRoutes } from './health.ts';

/** Each capability adds one line here. */
export async function registerRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(healthRoutes(services));
  await app.register(authRoutes(services), { prefix: '/api/v1/auth' });
  await app.register(adminRoutes(services), { prefix: '/api/v1' });
  await app.register(auditRoutes(services), { prefix: '/api/v1/audit' });
  await app.register(estimateRoutes(services), { prefix: '/api/v1/estimates' });
  await app.register(estimationRoundRoutes(services), { prefix: '/api/v1/estimation-rounds' });
  await app.register(crawlerRoutes(services), { prefix: '/api/v1/crawler' });
  await app.register(signalRoutes(services), { prefix: '/api/v1' });
  await app.register(privacyRoutes(services), { prefix: '/api/v1/privacy' });
}
