import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FORM_CODES } from '../domain/forms.ts';
import { GENDERS } from '../domain/genders.ts';
import { access, type Services } from '../server/context.ts';
import {
  addConsent,
  createClient,
  getClient,
  listClients,
  readSafeAddress,
  updateClient,
  withdrawConsent,
} from './clients.ts';
import {
  addMissingEvent,
  listMissing,
  MISSING_KINDS,
  MISSING_RISK_FACTORS,
  reportMissing,
} from './missing-minors.ts';
import {
  createLocation,
  fileRequest,
  getRequest,
  listPlaces,
  listRequests,
  matchRequest,
  nationalOverview,
  transitionRequest,
  updateFigures,
} from './placements.ts';
import { reflectionClocks, reflectionStep } from './reflection.ts';
import {
  EXPLOITED_IN,
  listRegistrations,
  REGISTRATION_SEXES,
  REPORTING_ORG_TYPES,
  registerVictim,
  registrationFigures,
  registryEncoder,
} from './registrations.ts';
import {
  clientTrajectories,
  closeTrajectory,
  createTrajectory,
  decideHandover,
  incomingHandovers,
  phaseAction,
} from './trajectories.ts';
import { HANDOVER_FIELDS, PHASES, TRAJECTORY_OUTCOMES } from './trajectory-lifecycle.ts';
import {
  CONSENT_HOW,
  CONSENT_SCOPES,
  CONTACT_CHANNELS,
  DECLINE_REASONS,
  DISCHARGE_DESTINATIONS,
  IMMIGRATION_STATUSES,
  NEEDS,
  PERMIT_DECISIONS,
  PLACE_KINDS,
  REFLECTION_DECISIONS,
  SAFETY_FACTORS,
  SAFETY_LEVELS,
} from './vocabulary.ts';
import {
  ClientRow,
  ClientView,
  Created,
  deepCamel,
  Handover,
  Match,
  MissingReport,
  Overview,
  PlaceView,
  ReflectionPeriod,
  Registration,
  RegistrationFigures,
  RequestView,
  SafeAddress,
  StepResult,
  Trajectory,
  TransitionResult,
} from './wire.ts';

const Id = z.strictObject({ id: z.uuid() });
const Day = z.iso.date();
const Name = z.string().trim().min(1).max(200);
const Needs = z.array(z.enum(NEEDS)).max(NEEDS.length);
const Region = z.string().regex(/^VR\d{2}$/);
const Municipality = z.string().regex(/^GM\d{4}$/);

const ClientBody = z.strictObject({
  source: z.enum(['signal', 'case_referral', 'direct']),
  signalId: z.uuid().optional(),
  sourceReference: z.uuid().optional(),
  alias: Name.nullable().optional(),
  givenNames: Name.nullable().optional(),
  prefix: z.string().max(40).nullable().optional(),
  surname: Name.nullable().optional(),
  dateOfBirth: Day.nullable().optional(),
  estimatedAge: z.number().int().min(0).max(120).nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .optional(),
  languages: z.array(z.string().min(2).max(3)).max(10).optional(),
  immigrationStatus: z.enum(IMMIGRATION_STATUSES).optional(),
  forms: z.array(z.enum(FORM_CODES)).max(FORM_CODES.length).optional(),
  exploitationPlaces: z
    .array(
      z.strictObject({
        municipalityCode: Municipality.optional(),
        abroad: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
      }),
    )
    .max(20)
    .optional(),
  needs: Needs.optional(),
  safety: z
    .strictObject({
      factors: z.array(z.enum(SAFETY_FACTORS)).max(SAFETY_FACTORS.length),
      level: z.enum(SAFETY_LEVELS),
      assessedOn: Day,
      assessedBy: Name,
    })
    .nullable()
    .optional(),
  contactChannel: z.enum(CONTACT_CHANNELS).nullable().optional(),
});

const PlaceBody = z.strictObject({
  kind: z.enum(PLACE_KINDS),
  capacity: z.number().int().min(0).max(10_000),
  occupancy: z.number().int().min(0).max(10_000),
  genders: z.array(z.enum(GENDERS)).min(1),
  minAge: z.number().int().min(0).max(120),
  maxAge: z.number().int().min(0).max(120),
  needs: Needs,
});

const RegistrationBody = z.strictObject({
  clientId: z.uuid().optional(),
  reportingOrgType: z.enum(REPORTING_ORG_TYPES).optional(),
  registeredOn: Day,
  sex: z.enum(REGISTRATION_SEXES).optional(),
  age: z.number().int().min(0).max(120).optional(),
  ageEstimated: z.boolean().optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  forms: z
    .array(z.enum(FORM_CODES).exclude(['unknown']))
    .min(1)
    .max(FORM_CODES.length)
    .optional(),
  exploitedIn: z.enum(EXPLOITED_IN).optional(),
  identity: z
    .strictObject({
      givenNames: Name.optional(),
      prefix: z.string().max(40).optional(),
      surname: Name.optional(),
      dateOfBirth: Day.optional(),
      birthYear: z.number().int().min(1900).max(2100).optional(),
    })
    .optional(),
});
const PhaseStepBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start'), startedOn: Day }),
  z.strictObject({ action: z.literal('complete'), endedOn: Day }),
  z.strictObject({
    action: z.literal('propose_handover'),
    fields: z.array(z.enum(HANDOVER_FIELDS)).min(1).max(HANDOVER_FIELDS.length),
  }),
]);
const HandoverDecision = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('confirm_handover') }),
  z.strictObject({ action: z.literal('refuse_handover'), reason: z.string().trim().min(3).max(2000) }),
]);
const Year = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const PlacementTransition = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('propose'), placeId: z.uuid(), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('withdraw'), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('accept'), note: z.string().max(2000).optional() }),
  z.strictObject({
    action: z.literal('decline'),
    reason: z.enum(DECLINE_REASONS),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({
    action: z.literal('admit'),
    admittedOn: Day,
    safeAddress: z.string().trim().min(5).max(500),
  }),
  z.strictObject({
    action: z.literal('discharge'),
    dischargedOn: Day,
    destination: z.enum(DISCHARGE_DESTINATIONS),
    note: z.string().max(2000).optional(),
  }),
]);

const ReflectionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('offer'), offeredOn: Day }),
  z.strictObject({ action: z.literal('start'), startedOn: Day, endsOn: Day.optional() }),
  z.strictObject({ action: z.literal('decide'), decision: z.enum(REFLECTION_DECISIONS), decisionOn: Day }),
  z.strictObject({ action: z.literal('apply_permit'), appliedOn: Day }),
  z.strictObject({
    action: z.literal('permit_decision'),
    decision: z.enum(PERMIT_DECISIONS),
    decidedOn: Day,
  }),
  z.strictObject({ action: z.literal('end'), endedOn: Day }),
]);

/**
 * Care: the client file (care_coordination), consents, reflection period, placement requests and matching,
 * the provider's capacity and steps, the safe address, and the national overview (statistics).
 */
export const careRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['care'];
    app.get(
      '/care/clients',
      {
        schema: {
          summary: 'The clients of one’s own care coordination',
          tags,
          response: { 200: z.array(ClientRow) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listClients(tx))).map(
          (row) => deepCamel(row) as z.input<typeof ClientRow>,
        ),
    );
    app.post(
      '/care/clients',
      {
        schema: {
          summary:
            'Take on a client: from a signal routed to one’s care coordination, a case referral, or directly',
          tags,
          body: ClientBody,
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const created = await access(services, request, (tx) => createClient(tx, request.body, new Date()));
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/care/clients/:id',
      {
        schema: {
          summary: 'One client file (never the safe address)',
          tags,
          params: Id,
          response: { 200: ClientView },
        },
      },
      async (request) =>
        deepCamel(
          await access(services, request, (tx) => getClient(tx, request.params.id, new Date())),
        ) as z.input<typeof ClientView>,
    );
    app.patch(
      '/care/clients/:id',
      {
        schema: {
          summary: 'Change a client file',
          tags,
          params: Id,
          body: ClientBody.omit({ source: true, signalId: true, sourceReference: true }),
          response: { 200: z.object({ fields: z.array(z.string()) }) },
        },
      },
      async (request) => access(services, request, (tx) => updateClient(tx, request.params.id, request.body)),
    );
    app.post(
      '/care/clients/:id/consents',
      {
        schema: {
          summary: 'Register a consent of the client (scope, date, how given)',
          tags,
          params: Id,
          body: z.strictObject({
            scope: z.enum(CONSENT_SCOPES),
            givenOn: Day,
            how: z.enum(CONSENT_HOW),
            covers: z.array(z.enum(HANDOVER_FIELDS)).max(HANDOVER_FIELDS.length).optional(),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await access(services, request, (tx) =>
              addConsent(tx, request.params.id, request.body, new Date()),
            ),
          ),
    );
    app.post(
      '/care/consents/:id/withdraw',
      {
        schema: {
          summary: 'Register the withdrawal of a consent',
          tags,
          params: Id,
          body: z.strictObject({ withdrawnOn: Day }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await access(services, request, (tx) =>
          withdrawConsent(tx, request.params.id, request.body.withdrawnOn),
        );
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/care/clients/:id/reflection',
      {
        schema: {
          summary:
            'A step of the reflection period (B8/3): offer, start, decide, apply_permit, permit_decision, end',
          tags,
          params: Id,
          body: ReflectionBody,
          response: { 200: StepResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => reflectionStep(tx, request.params.id, request.body, new Date())),
    );
    app.get(
      '/care/reflection-clocks',
      {
        schema: {
          summary: 'Every reflection period of one’s organisation with its clock',
          tags,
          response: { 200: z.array(ReflectionPeriod) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => reflectionClocks(tx, new Date()))).map(
          (row) => deepCamel(row) as z.input<typeof ReflectionPeriod>,
        ),
    );
    app.post(
      '/care/clients/:id/placement-requests',
      {
        schema: {
          summary: 'File a placement request (needs the client’s consent for placement)',
          tags,
          params: Id,
          body: z.strictObject({
            needs: Needs.optional(),
            avoidRegions: z.array(Region).max(25).optional(),
            avoidMunicipalities: z.array(Municipality).max(50).optional(),
            note: z.string().max(2000).optional(),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await access(services, request, (tx) =>
              fileRequest(tx, request.params.id, request.body, new Date()),
            ),
          ),
    );
    app.get(
      '/care/placement-requests',
      {
        schema: {
          summary: 'Placement requests: the coordinator’s waiting list, or those proposed to one’s shelter',
          tags,
          querystring: z.strictObject({ state: z.string().max(200).optional() }),
          response: { 200: z.array(RequestView) },
        },
      },
      async (request) => {
        const states = request.query.state?.split(',').filter(Boolean);
        return (await access(services, request, (tx) => listRequests(tx, new Date(), states))).map(
          (row) => deepCamel(row) as z.input<typeof RequestView>,
        );
      },
    );
    app.get(
      '/care/placement-requests/:id',
      { schema: { summary: 'One placement request', tags, params: Id, response: { 200: RequestView } } },
      async (request) =>
        deepCamel(
          await access(services, request, (tx) => getRequest(tx, request.params.id, new Date())),
        ) as z.input<typeof RequestView>,
    );
    app.get(
      '/care/placement-requests/:id/matches',
      {
        schema: {
          summary: 'The available places ranked for a request, with reasons',
          tags,
          params: Id,
          response: { 200: Match },
        },
      },
      async (request) =>
        deepCamel(
          await access(services, request, (tx) => matchRequest(tx, request.params.id, new Date())),
        ) as z.input<typeof Match>,
    );
    app.post(
      '/care/placement-requests/:id/transitions',
      {
        schema: {
          summary:
            'A step of a placement: propose, withdraw (coordinator); accept, decline, admit, discharge (shelter)',
          tags,
          params: Id,
          body: PlacementTransition,
          response: { 200: TransitionResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => transitionRequest(tx, request.params.id, request.body, new Date())),
    );
    app.get(
      '/care/placement-requests/:id/safe-address',
      {
        schema: {
          summary: 'The safe address of a placed client: the placing coordinator and the shelter only',
          tags,
          params: Id,
          response: { 200: SafeAddress },
        },
      },
      async (request) =>
        deepCamel(await access(services, request, (tx) => readSafeAddress(tx, request.params.id))) as z.input<
          typeof SafeAddress
        >,
    );
    app.get(
      '/care/places',
      {
        schema: {
          summary: 'Shelter places with capacity, occupancy and staleness',
          tags,
          response: { 200: z.array(PlaceView) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listPlaces(tx, new Date()))).map(
          (row) => deepCamel(row) as z.input<typeof PlaceView>,
        ),
    );
    app.post(
      '/care/locations',
      {
        schema: {
          summary: 'A shelter location with its place types (provider)',
          tags,
          body: z.strictObject({
            name: Name,
            municipalityCode: Municipality,
            places: z.array(PlaceBody).min(1).max(10),
          }),
          response: { 201: z.object({ id: z.uuid(), placeIds: z.array(z.uuid()) }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await access(services, request, (tx) => createLocation(tx, request.body))),
    );
    app.patch(
      '/care/places/:id',
      {
        schema: {
          summary: 'New capacity figures of a place (refused above capacity)',
          tags,
          params: Id,
          body: z.strictObject({
            capacity: z.number().int().min(0).max(10_000).optional(),
            occupancy: z.number().int().min(0).max(10_000).optional(),
          }),
          response: { 200: z.object({ capacity: z.number().int(), occupancy: z.number().int() }) },
        },
      },
      async (request) =>
        access(services, request, (tx) => updateFigures(tx, request.params.id, request.body, new Date())),
    );
    app.post(
      '/care/registrations',
      {
        schema: {
          summary:
            'Register a possible victim with CoMensha (monitor variables; the identity is encoded, never stored)',
          tags,
          body: RegistrationBody,
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const encoder = registryEncoder(services.cipher);
        const created = await access(services, request, (tx) =>
          registerVictim(tx, encoder, request.body, new Date()),
        );
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/care/registrations',
      {
        schema: {
          summary:
            'Registrations of a year: CoMensha all (pseudonymous person, no identity), a partner its own',
          tags,
          querystring: Year,
          response: { 200: z.array(Registration) },
        },
      },
      async (request) => {
        const year = request.query.year ?? new Date().getFullYear();
        return (await access(services, request, (tx) => listRegistrations(tx, year))).map(
          (row) => deepCamel(row) as z.input<typeof Registration>,
        );
      },
    );
    app.get(
      '/care/registrations/figures',
      {
        schema: {
          summary:
            'CoMensha’s yearly table: de-duplicated persons per monitor variable, small cells suppressed',
          tags,
          querystring: Year,
          response: { 200: RegistrationFigures },
        },
      },
      async (request) => {
        const year = request.query.year ?? new Date().getFullYear();
        return access(services, request, (tx) => registrationFigures(tx, year));
      },
    );
    app.post(
      '/care/clients/:id/trajectories',
      {
        schema: {
          summary: 'Plan a care trajectory: phases (acute … aftercare or return) with a provider each',
          tags,
          params: Id,
          body: z.strictObject({
            phases: z
              .array(z.strictObject({ phase: z.enum(PHASES), providerOrgId: z.uuid() }))
              .min(1)
              .max(PHASES.length),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await access(services, request, (tx) => createTrajectory(tx, request.params.id, request.body)),
          ),
    );
    app.get(
      '/care/clients/:id/trajectories',
      {
        schema: {
          summary: 'The client’s trajectories with phases and handovers',
          tags,
          params: Id,
          response: { 200: z.array(Trajectory) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => clientTrajectories(tx, request.params.id))).map(
          (row) => deepCamel(row) as z.input<typeof Trajectory>,
        ),
    );
    app.post(
      '/care/trajectory-phases/:id/steps',
      {
        schema: {
          summary:
            'A step of a phase: start, complete, or propose the handover (only what the consent covers)',
          tags,
          params: Id,
          body: PhaseStepBody,
          response: { 200: TransitionResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => phaseAction(tx, request.params.id, request.body, new Date())),
    );
    app.post(
      '/care/trajectories/:id/close',
      {
        schema: {
          summary: 'Close a trajectory with its outcome',
          tags,
          params: Id,
          body: z.strictObject({ outcome: z.enum(TRAJECTORY_OUTCOMES), closedOn: Day }),
          response: { 200: TransitionResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => closeTrajectory(tx, request.params.id, request.body, new Date())),
    );
    app.get(
      '/care/handovers',
      {
        schema: {
          summary: 'Handovers to one’s own organisation (the receiving provider)',
          tags,
          response: { 200: z.array(Handover) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => incomingHandovers(tx))).map(
          (row) => deepCamel(row) as z.input<typeof Handover>,
        ),
    );
    app.post(
      '/care/handovers/:id/decision',
      {
        schema: {
          summary: 'The receiving provider confirms or refuses a handover',
          tags,
          params: Id,
          body: HandoverDecision,
          response: { 200: TransitionResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => decideHandover(tx, request.params.id, request.body, new Date())),
    );
    app.post(
      '/care/missing-minors',
      {
        schema: {
          summary:
            'A youth care institution reports a missing minor; the police unit of its region gets it at once',
          tags,
          body: z.strictObject({
            givenNames: Name,
            surname: Name,
            dateOfBirth: Day,
            kind: z.enum(MISSING_KINDS),
            missingSince: z.iso.datetime({ offset: true }),
            description: z.string().trim().min(3).max(2000),
            riskFactors: z.array(z.enum(MISSING_RISK_FACTORS)).max(MISSING_RISK_FACTORS.length),
          }),
          response: {
            201: z.object({ id: z.uuid(), risk: z.string(), earlierAbsences: z.number().int() }),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await access(services, request, (tx) =>
              reportMissing(tx, services.cipher, request.body, new Date()),
            ),
          ),
    );
    app.get(
      '/care/missing-minors',
      {
        schema: {
          summary:
            'Missing reports of one’s institution, or sent to one’s police unit, with the shared timeline',
          tags,
          response: { 200: z.array(MissingReport) },
        },
      },
      async (request) =>
        (await access(services, request, (tx) => listMissing(tx))).map(
          (row) => deepCamel(row) as z.input<typeof MissingReport>,
        ),
    );
    app.post(
      '/care/missing-minors/:id/events',
      {
        schema: {
          summary: 'Add to the shared timeline: a sighting, a note, or the return',
          tags,
          params: Id,
          body: z.strictObject({
            kind: z.enum(['acknowledged', 'sighting', 'note', 'returned']),
            note: z.string().trim().min(1).max(2000).optional(),
          }),
          response: { 200: TransitionResult },
        },
      },
      async (request) =>
        access(services, request, (tx) => addMissingEvent(tx, request.params.id, request.body, new Date())),
    );
    app.get(
      '/care/overview',
      {
        schema: {
          summary:
            'National overview of capacity, occupancy and waiting (aggregates, small cells suppressed)',
          tags,
          response: { 200: Overview },
        },
      },
      async (request) =>
        deepCamel(await access(services, request, (tx) => nationalOverview(tx, new Date()))) as z.input<
          typeof Overview
        >,
    );
  };
