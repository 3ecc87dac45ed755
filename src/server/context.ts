import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccessTx, withAccess } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import type { Session } from '../access/sessions.ts';
import { MESSAGES, Problem } from '../domain/problem.ts';
import type { Store } from '../store/connect.ts';
import type { Config } from './config.ts';

/** What route modules get: the store, the field cipher and the configuration. */
export interface Services {
  store: Store;
  cipher: FieldCipher;
  config: Config;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

export const SESSION_COOKIE = 'kp_session';
export const PURPOSE_HEADER = 'x-ketenplein-purpose';
export const CSRF_HEADER = 'x-csrf-token';

export class Unauthenticated extends Problem {
  constructor() {
    super(401, 'unauthenticated', MESSAGES.unauthenticated);
  }
}

export function requireSession(request: FastifyRequest): Session {
  if (!request.session) throw new Unauthenticated();
  return request.session;
}

/**
 * Runs route work inside the access layer for the logged-in user and the purpose the client
 * named in the X-Ketenplein-Purpose header. Route handlers have no other way to the database.
 */
export function access<T>(
  services: Services,
  request: FastifyRequest,
  work: (tx: AccessTx) => Promise<T>,
): Promise<T> {
  const session = requireSession(request);
  const purpose = request.headers[PURPOSE_HEADER];
  const params = (request.params ?? {}) as Record<string, unknown>;
  const recordIds = Object.values(params).filter(
    (v): v is string => typeof v === 'string' && v.length <= 200,
  );
  return withAccess(
    services.store,
    { actor: session.user, purpose: Array.isArray(purpose) ? purpose[0] : purpose, recordIds },
    work,
  );
}

export function noContent(reply: FastifyReply) {
  return reply.status(204).send();
}
