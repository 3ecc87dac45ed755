import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langOf } from '../../domain/problem.ts';
import { access, type Services } from '../../server/context.ts';
import { FileBody } from '../../server/wire.ts';
import { invitationIcs, minutesPdf } from './files.ts';
import {
  addAction,
  addItem,
  addNote,
  addPerson,
  createConsultation,
  getConsultation,
  listConsultations,
  markHeld,
} from './store.ts';

const Id = z.strictObject({ id: z.uuid() });
const text = (max = 200) => z.string().trim().max(max);
const Row = z.looseObject({});
const Created = z.strictObject({ id: z.uuid() });

/**
 * The casusoverleg (issue 15, item 3): planning, the agenda, contributions, decisions and actions, the
 * minutes as PDF and the invitation as iCalendar. Every route works under the purpose case_consultation
 * (the grants allow no other); what a participant sees of an agenda case follows its own grant on that case.
 */
export const consultationRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const run = <T>(request: Parameters<typeof access>[1], work: Parameters<typeof access<T>>[2]) =>
      access(services, request, work);

    app.get(
      '/consultations',
      {
        schema: {
          summary: 'The consultations one’s organisation chairs or is invited to',
          tags: ['consultations'],
          response: { 200: z.array(Row) },
        },
      },
      async (request) => run(request, (tx) => listConsultations(tx)),
    );

    app.post(
      '/consultations',
      {
        schema: {
          summary: 'Plan a consultation chaired by one’s organisation (RIEC or Zorg- en Veiligheidshuis)',
          tags: ['consultations'],
          body: z.strictObject({
            title: text().min(1),
            startsAt: z.iso.datetime({ offset: true }),
            endsAt: z.iso.datetime({ offset: true }),
            location: text(300).optional(),
            orgIds: z.array(z.uuid()).min(1).max(30),
            caseIds: z.array(z.uuid()).max(50).optional(),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => createConsultation(tx, request.body))),
    );

    app.get(
      '/consultations/:id',
      {
        schema: {
          summary: 'The meeting: agenda with, per case, exactly what one’s own grant opens, and the minutes',
          tags: ['consultations'],
          params: Id,
          response: { 200: Row },
        },
      },
      async (request) => run(request, (tx) => getConsultation(tx, request.params.id)),
    );

    app.post(
      '/consultations/:id/items',
      {
        schema: {
          summary: 'Put a case one’s organisation sees on the agenda',
          tags: ['consultations'],
          params: Id,
          body: z.strictObject({ caseId: z.uuid() }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await run(request, (tx) => addItem(tx, request.params.id, request.body.caseId))),
    );

    app.post(
      '/consultations/:id/people',
      {
        schema: {
          summary: 'Name a user of one’s own organisation as attendee',
          tags: ['consultations'],
          params: Id,
          body: z.strictObject({ userId: z.uuid() }),
          response: { 200: z.strictObject({ added: z.number() }) },
        },
      },
      async (request) => run(request, (tx) => addPerson(tx, request.params.id, request.body.userId)),
    );

    app.post(
      '/consultations/:id/held',
      {
        schema: {
          summary: 'The chair records that the consultation was held',
          tags: ['consultations'],
          params: Id,
          response: { 200: z.strictObject({ id: z.uuid(), state: z.string() }) },
        },
      },
      async (request) => run(request, (tx) => markHeld(tx, request.params.id)),
    );

    app.post(
      '/consultation-items/:id/notes',
      {
        schema: {
          summary: 'A partner’s contribution to an agenda item, or the chair’s decision',
          tags: ['consultations'],
          params: Id,
          body: z.strictObject({
            kind: z.enum(['contribution', 'decision']),
            text: text(5000).min(1),
          }),
          response: { 201: Created },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => addNote(tx, request.params.id, request.body))),
    );

    app.post(
      '/consultation-items/:id/actions',
      {
        schema: {
          summary: 'An agreed action (chair): a task for a participating organisation, with a deadline',
          tags: ['consultations'],
          params: Id,
          body: z.strictObject({ title: text(500).min(1), ownerOrgId: z.uuid(), dueOn: z.iso.date() }),
          response: { 201: z.strictObject({ id: z.uuid(), taskId: z.uuid() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await run(request, (tx) => addAction(tx, request.params.id, request.body))),
    );

    app.get(
      '/consultations/:id/minutes.pdf',
      {
        schema: {
          summary: 'The minutes as PDF, as one’s own organisation may see them (audited as an export)',
          tags: ['consultations'],
          params: Id,
          response: { 200: FileBody.describe('the PDF') },
        },
      },
      async (request, reply) => {
        const meeting = await run(request, async (tx) => {
          const view = await getConsultation(tx, request.params.id, false);
          tx.record(await tx.authorize('export', 'consultation'), [request.params.id], ['minutes']);
          return view;
        });
        const pdf = await minutesPdf(meeting, langOf(request.headers['accept-language']));
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="verslag-${request.params.id.slice(0, 8)}.pdf"`,
          )
          .header('x-content-type-options', 'nosniff')
          .send(pdf);
      },
    );

    app.get(
      '/consultations/:id/invitation.ics',
      {
        schema: {
          summary: 'The invitation as an iCalendar file (RFC 5545)',
          tags: ['consultations'],
          params: Id,
          response: { 200: FileBody.describe('the iCalendar file') },
        },
      },
      async (request, reply) => {
        const meeting = await run(request, (tx) => getConsultation(tx, request.params.id, false));
        const body = invitationIcs(
          meeting,
          `${request.protocol}://${request.host}`,
          langOf(request.headers['accept-language']),
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="casusoverleg-${request.params.id.slice(0, 8)}.ics"`,
          )
          .send(body);
      },
    );
  };
