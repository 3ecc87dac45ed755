import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilitiesOf } from '../../access/abilities.ts';
import { ACTIONS, RESOURCES } from '../../access/grant.ts';
import { allowedPurposes } from '../../access/policy.ts';
import { PURPOSES, ROLES } from '../../access/roles.ts';
import { endSessions, login, logout, newTotpSecret, type Session } from '../../access/sessions.ts';
import { MESSAGES, Problem } from '../../domain/problem.ts';
import { changePassword, confirmTotp } from '../account.ts';
import { noContent, requireSession, SESSION_COOKIE, type Services } from '../context.ts';
import { NoContent } from '../wire.ts';

const sessionView = (session: Session) => ({
  user: {
    id: session.user.userId,
    email: session.user.email,
    name: session.user.name,
    roles: [...session.user.roles],
    totpEnabled: session.user.totpEnabled,
    organisation: { id: session.user.orgId, name: session.user.orgName, type: session.user.orgType },
  },
  purposes: allowedPurposes(session.user),
  // What the user may do, from the grants: the web app builds its menus and start page from this.
  abilities: abilitiesOf(session.user),
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt.toISOString(),
});

const SessionView = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    totpEnabled: z.boolean(),
    organisation: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  }),
  purposes: z.array(z.string()),
  abilities: z.array(
    z.object({
      resource: z.enum(RESOURCES),
      action: z.enum(ACTIONS),
      purposes: z.array(z.object({ purpose: z.enum(PURPOSES), roles: z.array(z.enum(ROLES)) })),
    }),
  ),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

class TooManyAttempts extends Problem {
  constructor() {
    super(429, 'rate_limited', MESSAGES.rateLimited);
  }
}

export const authRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { store, cipher, config } = services;
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.production,
    };

    // Per address (route config) and per account (this one): a botnet with many addresses still gets
    // only so many tries at one account, and each refused try costs no password hash.
    const perAccount = app.createRateLimit({
      max: config.loginAccountRateLimit,
      timeWindow: '1 minute',
      keyGenerator: (request) =>
        `account:${String((request.body as { email?: unknown } | undefined)?.email ?? '')
          .trim()
          .toLowerCase()}`,
    });
    app.post(
      '/login',
      {
        config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
        preHandler: async (request) => {
          const limit = await perAccount(request);
          if (!limit.isAllowed && limit.isExceeded) throw new TooManyAttempts();
        },
        schema: {
          summary: 'Log in with e-mail, password and (when enabled) a TOTP code',
          tags: ['auth'],
          body: z.strictObject({
            email: z.string().min(3).max(320),
            password: z.string().min(1).max(1000),
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
          response: { 200: SessionView },
        },
      },
      async (request, reply) => {
        // A LoginError carries its status (401, 403, 423) and code to the error handler.
        const session = await login(store, cipher, request.body, config.session);
        reply.setCookie(SESSION_COOKIE, session.token, {
          ...cookieOptions,
          maxAge: config.session.absoluteHours * 3600,
        });
        return sessionView(session);
      },
    );

    app.post(
      '/logout',
      { schema: { summary: 'End the session', tags: ['auth'], response: { 204: NoContent } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(store, token);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return noContent(reply);
      },
    );

    app.post(
      '/logout-everywhere',
      {
        schema: {
          summary: 'End every session of this user, this one included',
          tags: ['auth'],
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const { user } = requireSession(request);
        await endSessions(store, user.userId);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return noContent(reply);
      },
    );

    app.get(
      '/me',
      {
        schema: {
          summary: 'The logged-in user, their purposes, what they may do (abilities) and CSRF token',
          tags: ['auth'],
          response: { 200: SessionView },
        },
      },
      async (request) => sessionView(requireSession(request)),
    );

    app.post(
      '/password',
      {
        schema: {
          summary: 'Change one’s own password',
          tags: ['auth'],
          body: z.strictObject({ current: z.string().min(1), next: z.string().min(1).max(1000) }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const { user } = requireSession(request);
        await changePassword(store, user, request.body, request.cookies[SESSION_COOKIE]);
        return noContent(reply);
      },
    );

    app.post(
      '/totp/setup',
      {
        schema: {
          summary: 'Start enrolling a TOTP second factor',
          tags: ['auth'],
          response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
        },
      },
      async (request) => newTotpSecret(requireSession(request).user.email),
    );

    app.post(
      '/totp/enable',
      {
        schema: {
          summary: 'Confirm TOTP enrolment with a code from the app',
          tags: ['auth'],
          body: z.strictObject({
            secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
            code: z.string().regex(/^\d{6}$/),
            // A session alone (perhaps a stolen one) must not set up a second factor the owner does not have.
            password: z.string().min(1).max(1000),
          }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const { user } = requireSession(request);
        await confirmTotp(store, cipher, user.userId, request.body);
        return noContent(reply);
      },
    );
  };
