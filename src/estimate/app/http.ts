import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../access/paging.ts';
import { invalidInput, label, langOf } from '../../domain/problem.ts';
import { access, type Services } from '../../server/context.ts';
import { FileBody } from '../../server/wire.ts';
import { estimateChart, estimateCsv, estimateJson } from './export.ts';
import { estimateFromRegistrations, registrationCaptureTable } from './from-registrations.ts';
import { relinkRound, uploadListAndLink } from './link-queue.ts';
import { REGISTRATION_STRATA } from './registrations.ts';
import { getRound, LIST_NAME, listRounds, openRound } from './rounds.ts';
import {
  createEstimate,
  ESTIMATE_SORTS,
  type EstimateContext,
  estimateForExport,
  getEstimate,
  type Lang,
  listEstimates,
  listEstimatesPage,
  rerunEstimate,
} from './service.ts';
import {
  Estimate,
  EstimateSummary,
  RegistrationEstimate,
  RegistrationPreview,
  Round,
  RoundSummary,
  toEstimate,
  toEstimateSummary,
  toRound,
  toRoundSummary,
  Upload,
} from './wire.ts';

const purposeNote = 'Header X-Ketenplein-Purpose: statistics (role analyst).';
const Id = z.strictObject({ id: z.uuid() });
const Strata = z.array(z.string().max(40)).max(5).optional();
const Text = z.string().max(20_000_000);
const ListNames = z.array(z.string().max(40)).min(1).max(10);

const Input = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('table-csv'), text: Text, strata: Strata }),
  z.strictObject({
    format: z.literal('table-json'),
    lists: ListNames,
    rows: z
      .array(
        z.strictObject({
          pattern: z.string().max(10),
          count: z.number(),
          stratum: z.record(z.string(), z.string().max(40)).optional(),
        }),
      )
      .max(200_000),
    strata: Strata,
  }),
  z.strictObject({ format: z.literal('records-csv'), text: Text, lists: ListNames, strata: Strata }),
  z.strictObject({ format: z.literal('round'), roundId: z.uuid() }),
]);

const Settings = z.strictObject({
  model: z.string().max(2000).optional(),
  select: z.enum(['stepwise-aic', 'stepwise-csv', 'bic']).optional(),
  maxOrder: z.number().int().min(1).max(10).optional(),
  pthresh: z.number().gt(0).lt(1).optional(),
  ci: z.enum(['wald', 'profile', 'bootstrap', 'none']).optional(),
  level: z.number().min(0.5).max(0.999).optional(),
  bootstrap: z.number().int().min(20).max(10_000).optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  average: z.boolean().optional(),
  // Bayesian methods (src/estimate/bayes): dga's prior, lcm's sampler; `all` runs the three side by side.
  method: z.enum(['loglinear', 'dga', 'lcm', 'all']).optional(),
  delta: z.number().positive().max(1000).optional(),
  nPrior: z.enum(['reciprocal', 'uniform']).optional(),
  K: z.number().int().min(1).max(100).optional(),
  burnin: z.number().int().min(0).max(10_000_000).optional(),
  samples: z.number().int().min(10).max(1_000_000).optional(),
  thin: z.number().int().min(1).max(10_000).optional(),
  chains: z.number().int().min(1).max(8).optional(),
});

/** Encoded lists are large; this is what one upload may carry (about 150 000 persons). */
const ENCODED_LIST_LIMIT = 100 * 1024 * 1024;
const ESTIMATE_BODY_LIMIT = 25 * 1024 * 1024;

function lang(request: FastifyRequest): Lang {
  return langOf(request.headers['accept-language']);
}

function context(services: Services, request: FastifyRequest): EstimateContext {
  return { access: (work) => access(services, request, work), store: services.store, lang: lang(request) };
}

/** Zicht op omvang: estimates an analyst runs, stores, re-runs and exports. */
export const estimateRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/',
      {
        bodyLimit: ESTIMATE_BODY_LIMIT,
        schema: {
          summary: `Estimate the total (seen and unseen) from a capture table, a records table or a linked round; stored with inputs and settings. Long bootstraps and long latent-class runs return 202 and run as a job. ${purposeNote}`,
          tags: ['estimates'],
          body: z.strictObject({
            name: z.string().trim().min(1).max(200).optional(),
            input: Input,
            settings: Settings.default({}),
          }),
          response: { 201: Estimate, 202: Estimate },
        },
      },
      async (request, reply) => {
        const { input, settings, name } = request.body;
        const source =
          input.format === 'round'
            ? { kind: 'round' as const, roundId: input.roundId }
            : { kind: 'upload' as const, input };
        const created = await createEstimate(context(services, request), { name, source, settings });
        return reply.status(created.status === 'done' ? 201 : 202).send(toEstimate(created));
      },
    );
    app.post(
      '/from-registrations',
      {
        schema: {
          summary: `Build a capture table from Ketenplein's registrations — possible victims in signals, one list per reporting organisation (or organisation type), persons linked across signals by the linkage capability — and estimate from it (preview: only the table). Counts only; cells below the server's minimum (KETENPLEIN_ESTIMATE_MIN_CELL) are named in a warning, not suppressed. ${purposeNote}`,
          tags: ['estimates'],
          body: z.strictObject({
            name: z.string().trim().min(1).max(200).optional(),
            listsBy: z.enum(['organisation', 'organisation_type']).default('organisation'),
            strata: z.array(z.enum(REGISTRATION_STRATA)).max(4).default([]),
            years: z
              .strictObject({
                from: z.number().int().min(1990).max(2100),
                to: z.number().int().min(1990).max(2100),
              })
              .refine((y) => y.from <= y.to, { message: 'from ≤ to', path: ['to'] })
              .optional(),
            preview: z.boolean().default(false),
            settings: Settings.default({}),
          }),
          response: { 200: RegistrationPreview, 201: RegistrationEstimate, 202: RegistrationEstimate },
        },
      },
      async (request, reply) => {
        const { listsBy, strata, years, preview, settings, name } = request.body;
        if (new Set(strata).size !== strata.length) {
          throw invalidInput('strata', label('stratum dubbel genoemd', 'stratum named twice'));
        }
        // The small-cell threshold is the server's (KETENPLEIN_ESTIMATE_MIN_CELL): an analyst who could lower it to 1
        // would see cells of single persons without a warning (issue 10, Low); `min_cell` in the body is refused.
        const options = { listsBy, strata, years, minCell: services.config.estimateMinCell };
        if (preview) {
          const table = await access(services, request, (tx) => registrationCaptureTable(tx, options));
          return reply.status(200).send({ table });
        }
        const created = await estimateFromRegistrations(context(services, request), {
          ...options,
          name,
          settings,
        });
        return reply
          .status(created.estimate.status === 'done' ? 201 : 202)
          .send({ ...created, estimate: toEstimate(created.estimate) });
      },
    );
    app.get(
      '/',
      {
        schema: {
          summary: `The organisation's stored estimates, newest first. ${purposeNote}`,
          tags: ['estimates'],
          response: { 200: z.array(EstimateSummary) },
        },
      },
      async (request) => (await access(services, request, (tx) => listEstimates(tx))).map(toEstimateSummary),
    );
    app.get(
      '/list',
      {
        schema: {
          summary: `One page of the organisation's stored estimates: q searches the name, counted on the server. ${purposeNote}`,
          tags: ['estimates'],
          querystring: pageQuery(ESTIMATE_SORTS, { sort: 'created', dir: 'desc' }).extend({
            status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
          }),
          response: { 200: pageOf(EstimateSummary) },
        },
      },
      async (request) => {
        const page = await access(services, request, (tx) => listEstimatesPage(tx, request.query));
        return { ...page, items: page.items.map(toEstimateSummary) };
      },
    );
    app.get(
      '/:id',
      {
        schema: {
          summary: `One stored estimate with inputs, settings, progress and result. ${purposeNote}`,
          tags: ['estimates'],
          params: Id,
          response: { 200: Estimate },
        },
      },
      async (request) =>
        toEstimate(await access(services, request, (tx) => getEstimate(tx, request.params.id))),
    );
    app.post(
      '/:id/rerun',
      {
        schema: {
          summary: `Run a stored estimate again from its stored input and settings; "reproduces" tells whether the numbers are the same. ${purposeNote}`,
          tags: ['estimates'],
          params: Id,
          response: { 201: Estimate, 202: Estimate },
        },
      },
      async (request, reply) => {
        const created = await rerunEstimate(context(services, request), request.params.id);
        return reply.status(created.status === 'done' ? 201 : 202).send(toEstimate(created));
      },
    );
    const download = (format: 'csv' | 'json' | 'svg', type: string) =>
      app.get(
        `/:id/${format === 'svg' ? 'chart.svg' : `export.${format}`}`,
        {
          schema: {
            summary: `Export a finished estimate as ${format.toUpperCase()}. ${purposeNote}`,
            tags: ['estimates'],
            params: Id,
            response: { 200: FileBody.describe(`the ${format.toUpperCase()} file`) },
          },
        },
        async (request, reply) => {
          const row = await access(services, request, (tx) =>
            estimateForExport(tx, request.params.id, format),
          );
          const language = lang(request);
          const body =
            format === 'csv'
              ? estimateCsv(row, language)
              : format === 'svg'
                ? estimateChart(row, language)
                : JSON.stringify(estimateJson(row), null, 2);
          const file = `schatting-${row.id.slice(0, 8)}.${format}`;
          return reply.type(type).header('content-disposition', `attachment; filename="${file}"`).send(body);
        },
      );
    download('csv', 'text/csv; charset=utf-8');
    download('json', 'application/json; charset=utf-8');
    download('svg', 'image/svg+xml; charset=utf-8');
  };

/** PPRL estimation rounds: partners upload encoded lists, Ketenplein links them into a capture table. */
export const estimationRoundRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // The .clk.jsonl file as it comes from `pprl encode` or the browser encoder.
    app.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl'],
      { parseAs: 'string', bodyLimit: ENCODED_LIST_LIMIT },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/',
      {
        schema: {
          summary: `Open an estimation round: the lists expected and the organisation supplying each. ${purposeNote}`,
          tags: ['estimation rounds'],
          body: z.strictObject({
            name: z.string().trim().min(1).max(200),
            lists: z
              .array(
                z.strictObject({
                  name: z.string().regex(LIST_NAME, 'letter, then letters, digits or _ (max 31)'),
                  organisationId: z.uuid(),
                }),
              )
              .min(2)
              .max(10),
            threshold: z.number().gt(0).max(1).optional(),
            strata: Strata,
          }),
          response: { 201: Round },
        },
      },
      async (request, reply) => {
        const round = await access(services, request, (tx) => openRound(tx, request.body));
        return reply.status(201).send(toRound(round));
      },
    );
    app.get(
      '/',
      {
        schema: {
          summary: `Rounds the organisation opened or supplies a list to. ${purposeNote}`,
          tags: ['estimation rounds'],
          response: { 200: z.array(RoundSummary) },
        },
      },
      async (request) => (await access(services, request, (tx) => listRounds(tx))).map(toRoundSummary),
    );
    app.get(
      '/:id',
      {
        schema: {
          summary: `A round's status; the capture table and estimate only for the organisation that opened it. ${purposeNote}`,
          tags: ['estimation rounds'],
          params: Id,
          response: { 200: Round },
        },
      },
      async (request) => toRound(await access(services, request, (tx) => getRound(tx, request.params.id))),
    );
    app.put(
      '/:id/lists/:list',
      {
        bodyLimit: ENCODED_LIST_LIMIT,
        schema: {
          summary: `Upload the organisation's encoded list (.clk.jsonl, content type application/x-ndjson). Refused whole — nothing stored — when damaged, empty, uploaded before, or encoded with other settings or another secret. ${purposeNote}`,
          tags: ['estimation rounds'],
          params: z.strictObject({ id: z.uuid(), list: z.string().max(40) }),
          body: z.string(),
          response: { 201: Upload },
        },
      },
      async (request, reply) => {
        const { id, list } = request.params;
        const uploaded = await access(services, request, (tx) =>
          uploadListAndLink(tx, id, list, request.body, lang(request)),
        );
        return reply.status(201).send(uploaded);
      },
    );
    app.post(
      '/:id/link',
      {
        schema: {
          summary: `Link a complete round again (e.g. after a failure). ${purposeNote}`,
          tags: ['estimation rounds'],
          params: Id,
          response: { 202: z.strictObject({ queued: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        const queued = await access(services, request, (tx) =>
          relinkRound(tx, request.params.id, lang(request)),
        );
        return reply.status(202).send(queued);
      },
    );
  };
