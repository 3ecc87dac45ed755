import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, noContent, type Services } from '../server/context.ts';
import { NoContent } from '../server/wire.ts';
import { decideIdentifier, listDecisions, withdrawDecision } from './identifier-decisions.ts';
import {
  closeInvestigation,
  clusterSignal,
  createInvestigation,
  getCrawl,
  investigationAds,
  investigationClusters,
  listAdapters,
  listInvestigations,
  queueCrawl,
  saveAdapter,
  startCrawl,
} from './service.ts';
import {
  Ad,
  Adapter,
  ClusterSignalResult,
  Clusters,
  Crawl,
  IdentifierDecision,
  Investigation,
  toAd,
  toAdapter,
  toClusters,
  toCrawl,
  toIdentifierDecision,
  toInvestigation,
} from './wire.ts';

const Id = z.strictObject({ id: z.uuid() });
const purposeNote = 'Header X-Ketenplein-Purpose: criminal_investigation; role investigator.';
const Site = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

/** The webcrawler: crawl mandates, site adapters, crawls and what they found (src/crawler/service.ts). */
export const crawlerRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/investigations',
      {
        schema: {
          summary: `Crawl mandates of one's own organisation. ${purposeNote}`,
          tags: ['crawler'],
          response: { 200: z.array(Investigation) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listInvestigations(tx))).map(toInvestigation),
    );
    app.post(
      '/investigations',
      {
        schema: {
          summary: `Record a crawl mandate inside an investigation: legal basis, end date, sites and terms. ${purposeNote}`,
          tags: ['crawler'],
          body: z.strictObject({
            caseRef: z.string().trim().min(2).max(100),
            legalBasis: z.string().trim().min(5).max(1000),
            endsOn: z.iso.date(),
            sites: z.array(Site).min(1).max(50),
            terms: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
            retentionMonths: z.number().int().min(0).max(120).optional(),
          }),
          response: { 201: Investigation },
        },
      },
      async (request, reply) => {
        const created = await access(services, request, (tx) => createInvestigation(tx, request.body));
        return reply.status(201).send(toInvestigation(created));
      },
    );
    app.post(
      '/investigations/:id/close',
      {
        schema: {
          summary: `Close a mandate; retention starts counting. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          response: { 200: Investigation },
        },
      },
      async (request) =>
        toInvestigation(await access(services, request, (tx) => closeInvestigation(tx, request.params.id))),
    );
    app.get(
      '/investigations/:id/ads',
      {
        schema: {
          summary: `Crawled ads (latest versions) with their risk indicators and evidence snippets; audited. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          response: { 200: z.array(Ad) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => investigationAds(tx, request.params.id))).map(toAd),
    );
    app.get(
      '/investigations/:id/clusters',
      {
        schema: {
          summary: `Operator clusters with evidence per link and the identifiers cut as shared; audited. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          response: { 200: Clusters },
        },
      },
      async (request) =>
        toClusters(await access(services, request, (tx) => investigationClusters(tx, request.params.id))),
    );
    const IdentifierKind = z.enum(['phone', 'email', 'handle', 'image']);
    app.get(
      '/investigations/:id/identifier-decisions',
      {
        schema: {
          summary: `The investigation's list of shared identifiers and overruled cuts, with who decided and why; audited. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          response: { 200: z.array(IdentifierDecision) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listDecisions(tx, request.params.id))).map(
          toIdentifierDecision,
        ),
    );
    app.put(
      '/investigations/:id/identifier-decisions',
      {
        schema: {
          summary: `Put an identifier on the investigation's list of shared lines (decision "shared": never links) or overrule a cut ("not_shared": always links); audited with the reason. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          body: z.strictObject({
            kind: IdentifierKind,
            value: z.string().trim().min(1).max(320),
            decision: z.enum(['shared', 'not_shared']),
            reason: z.string().trim().min(3).max(1000),
          }),
          response: { 200: IdentifierDecision },
        },
      },
      async (request) =>
        toIdentifierDecision(
          await access(services, request, (tx) => decideIdentifier(tx, request.params.id, request.body)),
        ),
    );
    app.delete(
      '/investigations/:id/identifier-decisions',
      {
        schema: {
          summary: `Withdraw a decision about an identifier; the linker judges it by itself again; audited. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          querystring: z.strictObject({ kind: IdentifierKind, value: z.string().trim().min(1).max(320) }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await access(services, request, (tx) =>
          withdrawDecision(tx, request.params.id, request.query.kind, request.query.value),
        );
        return noContent(reply);
      },
    );
    app.post(
      '/investigations/:id/cluster-signals',
      {
        schema: {
          summary: `Turn an operator cluster into a signal for triage (channel crawler: identifiers, cities, indicator evidence; no ad text or images); refused with 403 outside an open mandate. ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          body: z.strictObject({ clusterId: z.string().min(1).max(2_100) }),
          response: { 200: ClusterSignalResult, 201: ClusterSignalResult },
        },
      },
      async (request, reply) => {
        const result = await access(services, request, (tx) =>
          clusterSignal(tx, services.cipher, request.params.id, request.body.clusterId),
        );
        return reply.status(result.signal.created ? 201 : 200).send(result);
      },
    );
    app.get(
      '/adapters',
      {
        schema: {
          summary: `Site adapters of one's own organisation. ${purposeNote}`,
          tags: ['crawler'],
          response: { 200: z.array(Adapter) },
        },
      },
      async (request) => (await access(services, request, (tx) => listAdapters(tx))).map(toAdapter),
    );
    app.post(
      '/adapters',
      {
        schema: {
          summary: `Add or replace a site adapter (configuration, validated field by field). ${purposeNote}`,
          tags: ['crawler'],
          body: z.strictObject({ config: z.record(z.string(), z.unknown()) }),
          response: { 201: z.record(z.string(), z.unknown()).describe('The adapter as parsed') },
        },
      },
      async (request, reply) => {
        const adapter = await access(services, request, (tx) => saveAdapter(tx, request.body.config));
        return reply.status(201).send({ ...adapter });
      },
    );
    app.post(
      '/crawls',
      {
        schema: {
          summary: `Start a crawl; refused with 403 and the reason outside an open mandate covering the site. ${purposeNote}`,
          tags: ['crawler'],
          body: z.strictObject({
            investigationId: z.uuid(),
            site: Site,
            maxPages: z.number().int().min(1).max(1_000_000).optional(),
          }),
          response: { 202: Crawl },
        },
      },
      async (request, reply) => {
        const run = await access(services, request, (tx) => startCrawl(tx, request.body));
        await queueCrawl(services.store, run.id);
        return reply.status(202).send(toCrawl(run));
      },
    );
    app.get(
      '/crawls/:id',
      {
        schema: {
          summary: `A crawl's status and progress (pages, ads, errors with causes). ${purposeNote}`,
          tags: ['crawler'],
          params: Id,
          response: { 200: Crawl },
        },
      },
      async (request) => toCrawl(await access(services, request, (tx) => getCrawl(tx, request.params.id))),
    );
  };
