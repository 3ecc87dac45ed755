import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueLink } from '../../access/account-links.ts';
import { pageOf, pageQuery } from '../../access/paging.ts';
import { ROLES } from '../../access/roles.ts';
import {
  createUser,
  getOrganisation,
  getUser,
  listOrganisations,
  listUsers,
  listUsersPage,
  USER_SORTS,
  updateOrganisation,
  updateUser,
  userForReset,
} from '../../access/users.ts';
import { access, requireSession, type Services } from '../context.ts';
import { AccountLink, CreatedUser, Organisation, toOrganisation, toUser, User } from './wire.ts';

const linkView = (link: { link?: string; mailed: boolean; expiresAt: Date }) => ({
  ...(link.link ? { link: link.link } : {}),
  mailed: link.mailed,
  expiresAt: link.expiresAt.toISOString(),
});

const Id = z.strictObject({ id: z.uuid() });
const Role = z.enum(ROLES);
const purposeNote = 'Header X-Ketenplein-Purpose: administration.';

/** Organisation directory, and user management by an organisation's own admin. */
export const adminRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/organisations',
      {
        schema: {
          summary: 'Directory of chain partners',
          tags: ['organisations'],
          response: { 200: z.array(Organisation) },
        },
      },
      async (request) => (await access(services, request, (tx) => listOrganisations(tx))).map(toOrganisation),
    );
    app.get(
      '/organisations/:id',
      {
        schema: {
          summary: 'One organisation',
          tags: ['organisations'],
          params: Id,
          response: { 200: Organisation },
        },
      },
      async (request) =>
        toOrganisation(await access(services, request, (tx) => getOrganisation(tx, request.params.id))),
    );
    app.patch(
      '/organisations/:id',
      {
        schema: {
          summary: `Change one's own organisation (admin). ${purposeNote}`,
          tags: ['organisations'],
          params: Id,
          body: z.strictObject({
            name: z.string().min(2).max(200).optional(),
            region: z.string().max(100).nullable().optional(),
            // The contact point other organisations see after a match (a function mailbox, no person).
            contactMailbox: z.email().max(320).nullable().optional(),
            contactPhone: z
              .string()
              .trim()
              .regex(/^\+?[0-9][0-9 ()-]{5,24}$/)
              .nullable()
              .optional(),
          }),
          response: { 200: Organisation },
        },
      },
      async (request) => {
        const { contactMailbox, contactPhone, ...rest } = request.body;
        const patch = {
          ...rest,
          ...(contactMailbox !== undefined ? { contact_mailbox: contactMailbox } : {}),
          ...(contactPhone !== undefined ? { contact_phone: contactPhone } : {}),
        };
        return toOrganisation(
          await access(services, request, (tx) => updateOrganisation(tx, request.params.id, patch)),
        );
      },
    );

    app.get(
      '/users',
      {
        schema: {
          summary: `Users of one's own organisation (admin). ${purposeNote}`,
          tags: ['users'],
          response: { 200: z.array(User) },
        },
      },
      async (request) => (await access(services, request, (tx) => listUsers(tx))).map(toUser),
    );
    app.get(
      '/users/list',
      {
        schema: {
          summary: `One page of the users of one's own organisation (admin): q searches name and e-mail address. ${purposeNote}`,
          tags: ['users'],
          querystring: pageQuery(USER_SORTS, { sort: 'name', dir: 'asc' }).extend({
            role: Role.optional(),
            status: z.enum(['active', 'disabled']).optional(),
          }),
          response: { 200: pageOf(User) },
        },
      },
      async (request) => {
        const page = await access(services, request, (tx) => listUsersPage(tx, request.query));
        return { ...page, items: page.items.map(toUser) };
      },
    );
    app.get(
      '/users/:id',
      {
        schema: {
          summary: `One user of one's own organisation. ${purposeNote}`,
          tags: ['users'],
          params: Id,
          response: { 200: User },
        },
      },
      async (request) => toUser(await access(services, request, (tx) => getUser(tx, request.params.id))),
    );
    app.post(
      '/users',
      {
        schema: {
          summary: `Create a user in one's own organisation; the user sets the first password through a one-time link (e-mailed when SMTP is configured, else returned once). A password given here must be changed at the first login. ${purposeNote}`,
          tags: ['users'],
          body: z.strictObject({
            email: z.email().max(320),
            name: z.string().trim().min(2).max(200),
            roles: z.array(Role).min(1).max(ROLES.length),
            password: z.string().max(1000).optional(),
          }),
          response: { 201: CreatedUser },
        },
      },
      async (request, reply) => {
        const user = await access(services, request, (tx) => createUser(tx, request.body));
        const setPassword = await issueLink(
          services.store,
          services.config.mail,
          {
            userId: String(user.id),
            orgId: String(user.org_id),
            email: String(user.email),
            name: String(user.name),
          },
          'invite',
          { requestedBy: requireSession(request).user.userId },
        );
        return reply.status(201).send({ user: toUser(user), setPassword: linkView(setPassword) });
      },
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          summary: `Change name, e-mail address (not one's own), roles, disable/enable or unlock a user. ${purposeNote}`,
          tags: ['users'],
          params: Id,
          body: z.strictObject({
            name: z.string().trim().min(2).max(200).optional(),
            email: z.email().max(320).optional(),
            roles: z.array(Role).min(1).max(ROLES.length).optional(),
            disabled: z.boolean().optional(),
            unlock: z.literal(true).optional(),
          }),
          response: { 200: User },
        },
      },
      async (request) =>
        toUser(await access(services, request, (tx) => updateUser(tx, request.params.id, request.body))),
    );
    app.post(
      '/users/:id/reset',
      {
        schema: {
          summary: `Reset a user's password: the old one stops working, every session ends, and a new one-time link is e-mailed (or returned once). ${purposeNote}`,
          tags: ['users'],
          params: Id,
          response: { 200: AccountLink },
        },
      },
      async (request) => {
        const user = await access(services, request, (tx) => userForReset(tx, request.params.id));
        const link = await issueLink(services.store, services.config.mail, user, 'reset', {
          requestedBy: requireSession(request).user.userId,
          revokePassword: true,
        });
        return linkView(link);
      },
    );
  };
