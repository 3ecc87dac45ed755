import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GENDERS } from '../domain/genders.ts';
import { access, type Services } from '../server/context.ts';
import { erasePersons, restrictPersons } from './erase.ts';
import { rectifyPerson } from './rectify.ts';
import {
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
import { attachPersons, subjectQuery } from './requests.ts';
import { SUBJECT_SEARCH_RATE_LIMIT, searchSubject } from './search.ts';
import {
  AccessReport,
  ErasureResult,
  RectificationResult,
  RestrictionResult,
  SearchResult,
  SubjectRequest,
  toAccessReport,
  toSearchResult,
  toSubjectRequest,
} from './wire.ts';

const Id = z.strictObject({ id: z.uuid() });
const purposeNote = 'Privacy officer, header X-Ketenplein-Purpose: data_subject_request.';
const tags = ['privacy'];

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
          response: { 201: SubjectRequest },
        },
      },
      async (request, reply) => {
        const created = await access(services, request, (tx) => createRequest(tx, request.body));
        return reply.status(201).send(toSubjectRequest(created));
      },
    );

    app.get(
      '/requests',
      {
        schema: {
          summary: `The register of one’s own organisation, newest first. ${purposeNote}`,
          tags,
          querystring: z.strictObject({ open: z.enum(['true', 'false']).optional() }),
          response: { 200: z.array(SubjectRequest) },
        },
      },
      (request) =>
        access(services, request, (tx) => listRequests(tx, { open: request.query.open === 'true' })).then(
          (rows) => rows.map(toSubjectRequest),
        ),
    );

    app.get(
      '/requests/:id',
      {
        schema: {
          summary: `One request. ${purposeNote}`,
          tags,
          params: Id,
          response: { 200: SubjectRequest },
        },
      },
      (request) =>
        access(services, request, (tx) => getRequest(tx, request.params.id)).then(toSubjectRequest),
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
          response: { 200: SubjectRequest },
        },
      },
      (request) =>
        access(services, request, (tx) =>
          extendRequest(tx, request.params.id, request.body.months, request.body.reason),
        ).then(toSubjectRequest),
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
          response: { 200: SubjectRequest },
        },
      },
      (request) =>
        access(services, request, (tx) => decideRequest(tx, request.params.id, request.body)).then(
          toSubjectRequest,
        ),
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
          response: { 200: SearchResult },
        },
      },
      (request) =>
        // Validated inside the access layer, so a refused role learns nothing from the input checks.
        access(services, request, (tx) =>
          searchSubject(tx, services.cipher, request.params.id, subjectQuery(request.body)),
        ).then(toSearchResult),
    );

    app.post(
      '/requests/:id/persons',
      {
        schema: {
          summary: `Record which of the found persons the request is about (ids of one’s own organisation only). ${purposeNote}`,
          tags,
          params: Id,
          body: z.strictObject({ personIds: z.array(z.string()).min(1).max(200) }),
          response: { 200: SubjectRequest },
        },
      },
      (request) =>
        access(services, request, (tx) => attachPersons(tx, request.params.id, request.body.personIds)).then(
          toSubjectRequest,
        ),
    );

    app.get(
      '/requests/:id/report',
      {
        schema: {
          summary: `The inzage answer (art. 15) as JSON: per record the signal, role, fields held, legal basis, retention and who accessed it; BSN masked. ${purposeNote}`,
          tags,
          params: Id,
          response: { 200: AccessReport },
        },
      },
      async (request, reply) => {
        const report = await access(services, request, (tx) =>
          accessReport(tx, services.cipher, request.params.id),
        );
        return reply
          .header('content-disposition', `attachment; filename="inzage-${request.params.id}.json"`)
          .send(toAccessReport(report));
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
          response: { 200: RestrictionResult },
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
          response: { 200: RectificationResult },
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
          response: { 200: ErasureResult },
        },
      },
      (request) => access(services, request, (tx) => erasePersons(tx, request.params.id)),
    );
  };
