import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilitiesOf } from '../../access/abilities.ts';
import { accountForReset, issueLink, peekLink, useLink } from '../../access/account-links.ts';
import { ACTIONS, RESOURCES } from '../../access/grant.ts';
import { passwordProblem } from '../../access/passwords.ts';
import { allowedPurposes } from '../../access/policy.ts';
import type { Role } from '../../access/roles.ts';
import { PURPOSES, ROLES } from '../../access/roles.ts';
import { endSessions, login, logout, newTotpSecret, type Session } from '../../access/sessions.ts';
import { needsTotpEnrolment } from '../../access/two-step.ts';
import { invalidInput, label, MESSAGES, Problem, splitLabel } from '../../domain/problem.ts';
import { changePassword, confirmTotp } from '../account.ts';
import { noContent, requireSession, SESSION_COOKIE, type Services } from '../context.ts';
import { NoContent } from '../wire.ts';

const sessionView = (session: Session, totpRequiredRoles: readonly Role[]) => ({
  user: {
    id: session.user.userId,
    email: session.user.email,
    name: session.user.name,
    roles: [...session.user.roles],
    totpEnabled: session.user.totpEnabled,
    // Open account steps (issue 19, item 12): until done, only the /auth routes answer.
    mustChangePassword: session.user.mustChangePassword,
    totpRequired: session.user.roles.some((role) => totpRequiredRoles.includes(role)),
    totpEnrolmentRequired: needsTotpEnrolment(session.user, totpRequiredRoles),
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
    mustChangePassword: z.boolean().describe('a password someone else knew: change it before anything else'),
    totpRequired: z.boolean().describe('a role of the user requires two-step verification'),
    totpEnrolmentRequired: z.boolean().describe('required but not set up: enrol before anything else'),
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

/** A set-password link that is unknown, used, expired or of a disabled account: one answer for all. */
class LinkInvalid extends Problem {
  constructor() {
    super(
      410,
      'link_invalid',
      label(
        'Deze link is verlopen, al gebruikt of ongeldig. Vraag een nieuwe aan via "Wachtwoord vergeten" of bij uw beheerder.',
        'This link has expired, was used already or is invalid. Ask for a new one with "Forgot password" or from your administrator.',
      ),
    );
  }
}

const Token = z.string().regex(/^[A-Za-z0-9_-]{40,64}$/);

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
        return sessionView(session, config.totpRequiredRoles);
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
      async (request) => sessionView(requireSession(request), config.totpRequiredRoles),
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
    // "Wachtwoord vergeten": always the same 202, whether the address exists or not (no account enumeration),
    // and the mail goes out after the answer, so the answer's timing tells nothing either. Limited per client
    // address (429) and per account (further requests are answered alike but send nothing).
    const resetsPerAccount = app.createRateLimit({
      max: config.passwordResetAccountLimit,
      timeWindow: '1 hour',
      keyGenerator: (request) =>
        `reset:${String((request.body as { email?: unknown } | undefined)?.email ?? '')
          .trim()
          .toLowerCase()}`,
    });
    app.post(
      '/password-forgotten',
      {
        config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
        schema: {
          summary:
            'Ask for a set-password link by e-mail (always 202: the answer tells nothing about the address)',
          tags: ['auth'],
          body: z.strictObject({ email: z.string().min(3).max(320) }),
          response: { 202: z.object({ accepted: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        const limit = await resetsPerAccount(request);
        if (limit.isAllowed || !limit.isExceeded) {
          const email = request.body.email;
          void (async () => {
            const account = await accountForReset(store, email);
            if (account) {
              await issueLink(store, config.mail, account, 'reset', {
                requestedBy: null,
                deliver: 'mail-only',
              });
            }
          })().catch((error: unknown) => request.log.error({ err: error }, 'password reset mail failed'));
        }
        return reply.status(202).send({ accepted: true });
      },
    );

    app.post(
      '/password-link',
      {
        config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
        schema: {
          summary: 'Whose set-password link this is (the link is not used)',
          tags: ['auth'],
          body: z.strictObject({ token: Token }),
          response: {
            200: z.object({ email: z.string(), name: z.string(), kind: z.enum(['invite', 'reset']) }),
          },
        },
      },
      async (request) => {
        const owner = await peekLink(store, request.body.token);
        if (!owner) throw new LinkInvalid();
        return owner;
      },
    );

    app.post(
      '/password-link/use',
      {
        config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
        schema: {
          summary: 'Set a password with a one-time link; every session of the user ends',
          tags: ['auth'],
          body: z.strictObject({ token: Token, password: z.string().min(1).max(1000) }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        // A weak password is refused before the link is used, so the link still works for a better one.
        const problem = passwordProblem(request.body.password);
        if (problem) {
          const reason = splitLabel(problem);
          throw invalidInput('password', label(`Wachtwoord: ${reason.nl}`, `Password: ${reason.en}`));
        }
        if (!(await useLink(store, request.body.token, request.body.password))) throw new LinkInvalid();
        return noContent(reply);
      },
    );
  };
