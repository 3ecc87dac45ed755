import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidInput } from '../access/users.ts';
import { validateBsn } from '../domain/validate/identifiers.ts';
import { access, type Services } from '../server/context.ts';
import { GENDERS } from '../signals/vocabulary.ts';
import { erasePersons, restrictPersons } from './erase.ts';
import { requireOwnPersons } from './persons.ts';
import { rectifyPerson } from './rectify.ts';
import {
  addPersons,
  createRequest,
  DECISIONS,
  decideRequest,
  extendRequest,
  getRequest,
  LEGAL_GROUNDS,
  listRequests,
  REQUEST_KINDS,
} from './register.ts';
import { accessReport } from './report.ts';
import { retentionMonths } from './retention.ts';
import { SUBJECT_SEARCH_RATE_LIMIT, type SubjectQuery, searchSubject } from './search.ts';

const Id = z.strictObject({ id: z.uuid() });
const purposeNote = 'Privacy officer, header X-Ketenplein-Purpose: data_subject_request.';
const tags = ['privacy'];

function subjectQuery(body: {
  bsn?: string;
  givenNames?: string;
  prefix?: string;
  surname?: string;
  dateOfBirth?: string;
}): SubjectQuery {
  if (body.bsn !== undefined) {
    const bsn = validateBsn(body.bsn);
    if (!bsn.ok) throw new InvalidInput(`bsn: ${bsn.error.message.nl} / ${bsn.error.message.en}`, 'bsn');
    return { bsn: bsn.value };
  }
  if (!body.surname) {
    throw new InvalidInput(
      'surname: zoek op BSN of op achternaam en geboortedatum / search by BSN or by surname and date of birth',
      'surname',
    );
  }
  if (!body.dateOfBirth) {
    throw new InvalidInput('dateOfBirth: geboortedatum ontbreekt / date of birth is missing', 'dateOfBirth');
  }
  return {
    givenNames: body.givenNames,
    prefix: body.prefix,
    surname: body.surname,
    dateOfBirth: body.dateOfBirth,
  };
}

/**
 * The register of data-subject requests and what answers them: search the persons one's organisation holds,
 * the inzage report (art. 15), restriction (art. 18) and erasure (art. 17).
 */
export const privacyRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/requests',
      {
        schema: {
          summary: `Register a data-subject request; the deadline is one month after receipt (art. 12(3)). ${purposeNote}`,
          tags,
          body: z.strictObject({
            kind: z.enum(REQUEST_KINDS),
            reference: z.string().trim().min(1).max(200),
            receivedOn: z.iso.date(),
          }),
        },
      },
      async (request, reply) => {
        const created = await access(services, request, (tx) => createRequest(tx, request.body));
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/requests',
      {
        schema: {
          summary: `The register of one’s own organisation, newest first. ${purposeNote}`,
          tags,
          querystring: z.strictObject({ open: z.enum(['true', 'false']).optional() }),
        },
      },
      (request) =>
        access(services, request, (tx) => listRequests(tx, { open: request.query.open === 'true' })),
    );

    app.get(
      '/requests/:id',
      { schema: { summary: `One request. ${purposeNote}`, tags, params: Id } },
      (request) => access(services, request, (tx) => getRequest(tx, request.params.id)),
    );

    app.post(
      '/requests/:id/extend',
      {
        schema: {
          summary: `Extend the deadline once by one or two months, with the reason (art. 12(3)). ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({
            months: z.union([z.literal(1), z.literal(2)]),
            reason: z.string().trim().min(5).max(2000),
          }),
        },
      },
      (request) =>
        access(services, request, (tx) =>
          extendRequest(tx, request.params.id, request.body.months, request.body.reason),
        ),
    );

    app.post(
      '/requests/:id/decision',
      {
        schema: {
          summary: `Decide: granted, partially granted or refused, with the reason and the legal ground for a refusal. ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({
            decision: z.enum(DECISIONS),
            reason: z.string().trim().min(5).max(4000),
            legalGround: z.enum(LEGAL_GROUNDS).optional(),
          }),
        },
      },
      (request) => access(services, request, (tx) => decideRequest(tx, request.params.id, request.body)),
    );

    app.post(
      '/requests/:id/search',
      {
        // Per officer: a search names people, so it is no tool for trawling the register.
        config: {
          rateLimit: {
            max: SUBJECT_SEARCH_RATE_LIMIT,
            timeWindow: '1 minute',
            keyGenerator: (request: FastifyRequest) => `subject-search:${request.session?.user.userId}`,
          },
        },
        schema: {
          summary: `Find the persons one’s organisation holds: by BSN (keyed fingerprint) or by surname and date of birth (tolerant). Other holders are named as contact points only. ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({
            bsn: z.string().max(20).optional(),
            givenNames: z.string().trim().max(200).optional(),
            prefix: z.string().trim().max(50).optional(),
            surname: z.string().trim().min(1).max(200).optional(),
            dateOfBirth: z.iso.date().optional(),
          }),
        },
      },
      (request) =>
        // Validated inside the access layer, so a refused role learns nothing from the input checks.
        access(services, request, (tx) =>
          searchSubject(tx, services.cipher, request.params.id, subjectQuery(request.body)),
        ),
    );

    app.post(
      '/requests/:id/persons',
      {
        schema: {
          summary: `Record which of the found persons the request is about (ids of one’s own organisation only). ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({ personIds: z.array(z.string()).min(1).max(200) }),
        },
      },
      (request) =>
        access(services, request, async (tx) => {
          await tx.authorize('update', 'data_subject_request');
          await requireOwnPersons(tx, request.body.personIds);
          await addPersons(tx, request.params.id, request.body.personIds);
          return getRequest(tx, request.params.id);
        }),
    );

    app.get(
      '/requests/:id/report',
      {
        schema: {
          summary: `The inzage answer (art. 15) as JSON: per record the signal, role, fields held, legal basis, retention and who accessed it; BSN masked. ${purposeNote}`,
          tags,
          params: Id,
        },
      },
      async (request, reply) => {
        const report = await access(services, request, (tx) =>
          accessReport(tx, services.cipher, request.params.id, { retentionMonths: retentionMonths() }),
        );
        return reply
          .header('content-disposition', `attachment; filename="inzage-${request.params.id}.json"`)
          .send(report);
      },
    );

    app.post(
      '/requests/:id/restriction',
      {
        schema: {
          summary: `Restrict (art. 18) or lift the restriction of the request’s persons. ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({ lift: z.boolean().default(false) }),
        },
      },
      (request) =>
        access(services, request, (tx) => restrictPersons(tx, request.params.id, request.body.lift)),
    );

    const name = z.string().trim().max(200).nullable().optional();
    app.post(
      '/requests/:id/rectification',
      {
        schema: {
          summary: `Correct a person of the request (art. 16), normalised as at intake; the audit names the fields, not the values. ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({
            personId: z.uuid(),
            changes: z.strictObject({
              givenNames: name,
              prefix: name,
              surname: name,
              alias: name,
              dateOfBirth: z.string().max(20).nullable().optional(),
              gender: z.enum(GENDERS).nullable().optional(),
              nationality: z.string().max(3).nullable().optional(),
              phones: z.array(z.string().max(40)).max(20).optional(),
              emails: z.array(z.string().max(254)).max(20).optional(),
            }),
          }),
        },
      },
      (request) =>
        access(services, request, (tx) =>
          rectifyPerson(tx, request.params.id, request.body.personId, request.body.changes),
        ),
    );

    app.post(
      '/requests/:id/erasure',
      {
        schema: {
          summary: `Erase the request’s persons (art. 17) where no retention duty applies; the rest is reported with the ground. ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({}),
        },
      },
      (request) => access(services, request, (tx) => erasePersons(tx, request.params.id)),
    );
  };
