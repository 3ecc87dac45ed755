import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FORM_CODES } from '../domain/forms.ts';
import { access, type Services } from '../server/context.ts';
import { PROFILES } from './grants.ts';
import {
  ADDRESS_KINDS,
  APPROACHES,
  CASE_OUTCOMES,
  EVENT_KINDS,
  IDENTIFIER_KINDS,
  LEGAL_BASES,
  PERSON_ROLES,
  TASK_STATES,
} from './lifecycle.ts';
import {
  addEvent,
  addPart,
  addSignals,
  addTask,
  openCase,
  transitionCase,
  updateTask,
} from './store/cases.ts';
import { getCase, listCases, myTasks } from './store/read.ts';
import {
  createReferral,
  referralOverview,
  referralSharedParts,
  transitionReferral,
} from './store/referrals.ts';
import { searchCases } from './store/search.ts';

const Id = z.strictObject({ id: z.uuid() });
const text = (max = 200) => z.string().trim().max(max);
const day = z.iso.date();
const Row = z.looseObject({});

const Person = z.strictObject({
  role: z.enum(PERSON_ROLES),
  givenNames: text().optional(),
  prefix: text(20).optional(),
  surname: text().optional(),
  alias: text().optional(),
  dateOfBirth: day.optional(),
  gender: text(20).optional(),
  nationality: text(3).optional(),
  phones: z.array(text(40).min(1)).max(10).optional(),
  emails: z.array(z.email().max(200)).max(10).optional(),
  minor: z.boolean().optional(),
  careNeeds: text(2000).optional(),
  remark: text(2000).optional(),
});
const Company = z.strictObject({
  name: text().min(1),
  kvk: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  premises: text(500).optional(),
  remark: text(2000).optional(),
});
const Address = z.strictObject({
  kind: z.enum(ADDRESS_KINDS),
  street: text().optional(),
  postcode: text(10).optional(),
  city: text().optional(),
});
const Identifier = z.strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: text(500).min(1) });

const NewCase = z.strictObject({
  title: text().min(1),
  summary: text(5000).optional(),
  approaches: z.array(z.enum(APPROACHES)).min(1).max(3),
  forms: z.array(z.enum(FORM_CODES)).max(6).optional(),
  signalIds: z.array(z.uuid()).max(50).optional(),
  ownerUserId: z.uuid().optional(),
  persons: z.array(Person).max(100).optional(),
  companies: z.array(Company).max(100).optional(),
  addresses: z.array(Address).max(100).optional(),
  identifiers: z.array(Identifier).max(200).optional(),
});

const Consent = z.strictObject({
  givenBy: z.enum(['data_subject', 'legal_representative']),
  name: text().min(1),
  givenOn: day,
  scope: text(1000).min(1),
  recordedHow: z.enum(['written', 'digital', 'verbal_noted']),
});
const NewReferral = z.strictObject({
  toOrgId: z.uuid(),
  profile: z.enum(PROFILES),
  purpose: z.enum([
    'criminal_investigation',
    'administrative_enforcement',
    'care_coordination',
    'case_consultation',
  ]),
  legalBasis: z.enum(LEGAL_BASES),
  legalBasisNote: text(1000).optional(),
  consent: Consent.optional(),
  endsOn: day,
  note: text(2000).optional(),
});

/**
 * Cases (issue 15, items 1 and 2): the case file, its parts, lifecycle, tasks and referrals. Every route works
 * inside the access layer under the request's purpose; what a recipient sees follows its referral's profile.
 */
export const caseRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const run = <T>(request: Parameters<typeof access>[1], work: Parameters<typeof access<T>>[2]) =>
      access(services, request, work);

    app.get(
      '/cases',
      {
        schema: {
          summary: 'Cases one sees: led by one’s organisation or shared with it (filters, paging)',
          tags: ['cases'],
          querystring: z.strictObject({
            state: z.enum(['open', 'on_hold', 'closed']).optional(),
            approach: z.enum(APPROACHES).optional(),
            form: z.enum(FORM_CODES).optional(),
            q: text(100).optional(),
            scope: z.enum(['all', 'led', 'shared']).default('all'),
            limit: z.coerce.number().int().min(1).max(200).default(25),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: { 200: z.strictObject({ total: z.number(), items: z.array(Row) }) },
        },
      },
      async (request) => run(request, (tx) => listCases(tx, request.query)),
    );

    app.post(
      '/cases',
      {
        schema: {
          summary: 'Open a case, directly or from accepted signals routed to one’s organisation',
          tags: ['cases'],
          body: NewCase,
          response: { 201: z.strictObject({ id: z.uuid(), reference: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => openCase(tx, request.body))),
    );

    app.get(
      '/cases/:id',
      {
        schema: {
          summary: 'One case file, with exactly the parts one’s grant or referral profile opens',
          tags: ['cases'],
          params: Id,
          response: { 200: Row },
        },
      },
      async (request) => run(request, (tx) => getCase(tx, request.params.id)),
    );

    app.post(
      '/cases/:id/signals',
      {
        schema: {
          summary: 'Add accepted signals to a case',
          tags: ['cases'],
          params: Id,
          body: z.strictObject({ signalIds: z.array(z.uuid()).min(1).max(50) }),
          response: { 200: z.strictObject({ added: z.number() }) },
        },
      },
      async (request) => run(request, (tx) => addSignals(tx, request.params.id, request.body.signalIds)),
    );

    const parts = [
      ['persons', 'person', Person],
      ['companies', 'company', Company],
      ['addresses', 'address', Address],
      ['identifiers', 'identifier', Identifier],
    ] as const;
    for (const [path, key, schema] of parts) {
      app.post(
        `/cases/:id/${path}`,
        {
          schema: {
            summary: `Add a ${key} to a case one’s organisation leads`,
            tags: ['cases'],
            params: Id,
            body: schema,
            response: { 201: z.strictObject({ id: z.uuid() }) },
          },
        },
        async (request, reply) =>
          reply
            .status(201)
            .send(
              await run(request, (tx) =>
                addPart(tx, request.params.id, { [key]: request.body } as Parameters<typeof addPart>[2]),
              ),
            ),
      );
    }

    app.post(
      '/cases/:id/events',
      {
        schema: {
          summary: 'Add an event to the case’s timeline (recruitment, transport, exploitation, exit)',
          tags: ['cases'],
          params: Id,
          body: z.strictObject({
            kind: z.enum(EVENT_KINDS),
            date: day.optional(),
            place: text().optional(),
            description: text(5000).optional(),
          }),
          response: { 201: z.strictObject({ id: z.uuid() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => addEvent(tx, request.params.id, request.body))),
    );

    app.post(
      '/cases/:id/transitions',
      {
        schema: {
          summary: 'Hold, resume or close a case (close: outcome and reason)',
          tags: ['cases'],
          params: Id,
          body: z.discriminatedUnion('action', [
            z.strictObject({ action: z.literal('hold'), reason: text(2000).optional() }),
            z.strictObject({ action: z.literal('resume'), reason: text(2000).optional() }),
            z.strictObject({
              action: z.literal('close'),
              outcome: z.enum(CASE_OUTCOMES),
              reason: text(2000).optional(),
            }),
          ]),
          response: { 200: z.strictObject({ id: z.uuid(), state: z.string() }) },
        },
      },
      async (request) => run(request, (tx) => transitionCase(tx, request.params.id, request.body)),
    );

    app.post(
      '/cases/:id/tasks',
      {
        schema: {
          summary: 'Add a task, owned by a user or an organisation',
          tags: ['cases'],
          params: Id,
          body: z.strictObject({
            title: text(500).min(1),
            ownerOrgId: z.uuid().optional(),
            ownerUserId: z.uuid().optional(),
            dueOn: day.optional(),
          }),
          response: { 201: z.strictObject({ id: z.uuid() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => addTask(tx, request.params.id, request.body))),
    );

    app.get(
      '/case-tasks',
      {
        schema: {
          summary: 'My tasks, or my organisation’s',
          tags: ['cases'],
          querystring: z.strictObject({
            mine: z.enum(['true', 'false']).default('true'),
            state: z.enum(TASK_STATES).optional(),
          }),
          response: { 200: z.array(Row) },
        },
      },
      async (request) =>
        run(request, (tx) =>
          myTasks(tx, { mine: request.query.mine === 'true', state: request.query.state }),
        ),
    );

    app.patch(
      '/case-tasks/:id',
      {
        schema: {
          summary: 'Mark a task done, cancelled or open again',
          tags: ['cases'],
          params: Id,
          body: z.strictObject({ state: z.enum(TASK_STATES) }),
          response: { 200: z.strictObject({ id: z.uuid(), state: z.string() }) },
        },
      },
      async (request) => run(request, (tx) => updateTask(tx, request.params.id, request.body.state)),
    );

    app.post(
      '/cases/:id/referrals',
      {
        schema: {
          summary: 'Share (part of) a case with another organisation under a referral profile',
          tags: ['cases'],
          params: Id,
          body: NewReferral,
          response: { 201: z.strictObject({ id: z.uuid(), state: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await run(request, (tx) => createReferral(tx, request.params.id, request.body))),
    );

    app.get(
      '/case-referrals',
      {
        schema: {
          summary: 'The referral overview of one’s organisation: incoming or outgoing, with counts',
          tags: ['cases'],
          querystring: z.strictObject({
            direction: z.enum(['in', 'out']).default('in'),
            state: z.enum(['pending', 'accepted', 'declined', 'completed', 'revoked']).optional(),
          }),
          response: {
            200: z.strictObject({
              counts: z.strictObject({
                pending: z.number(),
                accepted: z.number(),
                overdue: z.number(),
                lapsing: z.number(),
              }),
              items: z.array(Row),
            }),
          },
        },
      },
      async (request) =>
        run(request, (tx) => referralOverview(tx, request.query.direction, request.query.state)),
    );

    app.post(
      '/case-referrals/:id/transitions',
      {
        schema: {
          summary: 'Accept, decline (reason) or complete a referral; revoke it as its sender',
          tags: ['cases'],
          params: Id,
          body: z.discriminatedUnion('action', [
            z.strictObject({ action: z.literal('accept') }),
            z.strictObject({ action: z.literal('decline'), reason: text(2000) }),
            z.strictObject({ action: z.literal('complete'), reason: text(2000).optional() }),
            z.strictObject({ action: z.literal('revoke'), reason: text(2000).optional() }),
          ]),
          response: { 200: z.strictObject({ id: z.uuid(), state: z.string() }) },
        },
      },
      async (request) => run(request, (tx) => transitionReferral(tx, request.params.id, request.body)),
    );

    app.get(
      '/case-referrals/:id/shared',
      {
        schema: {
          summary: 'What a referral shares with its recipient: exactly the profile’s parts',
          tags: ['cases'],
          params: Id,
          response: { 200: z.strictObject({ referral: Row, case: Row.nullable() }) },
        },
      },
      async (request) => run(request, (tx) => referralSharedParts(tx, request.params.id)),
    );

    app.get(
      '/case-search',
      {
        schema: {
          summary:
            'Full-text search (Dutch) over the cases one sees: title, summary, persons, tasks, documents, each part under its own grant; filters, paging, sorting',
          tags: ['cases'],
          querystring: z.strictObject({
            q: text(200).optional(),
            state: z.enum(['open', 'on_hold', 'closed']).optional(),
            approach: z.enum(APPROACHES).optional(),
            form: z.enum(FORM_CODES).optional(),
            region: text(100).optional(),
            from: day.optional(),
            to: day.optional(),
            sort: z.enum(['relevance', 'newest', 'oldest']).default('relevance'),
            limit: z.coerce.number().int().min(1).max(100).default(25),
            offset: z.coerce.number().int().min(0).max(10_000).default(0),
          }),
          response: { 200: z.strictObject({ total: z.number(), items: z.array(Row) }) },
        },
      },
      async (request) => run(request, (tx) => searchCases(tx, request.query)),
    );
  };
