import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import type { Label } from '../../domain/label.ts';
import { conflict, invalidInput, label, Problem } from '../../domain/problem.ts';
import { type SignalState, TRANSITIONS, type TransitionAction, transition } from '../lifecycle.ts';
import { ROUTE_ORG_TYPES } from '../routes.ts';
import { NOT_FOUND_MESSAGE, scoped } from './read.ts';

/** A lifecycle step the actor's role may not take (409, with the state machine's code). */
export class TransitionRefused extends Problem {
  constructor(code: string, text: Label) {
    super(409, code, text);
  }
}

/**
 * Takes one lifecycle step on a signal: checked by the pure state machine, recorded with who, when and
 * why, and applied to the signal. The transition row is written first, while the actor still sees the
 * signal: a team that declines loses sight of it.
 */
export async function transitionSignal(
  tx: AccessTx,
  id: string,
  request: TransitionAction & { note?: string },
  now = new Date(),
) {
  const decision = await tx.authorize('transition', 'signal');
  // A receiving team acts only on what is routed to it, not on what it reported itself (its grant's rows).
  const row = await scoped(decision, tx.db.selectFrom('signals'))
    .select(['signals.id', 'signals.state', 'signals.routed_org_id'])
    .where('signals.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound(NOT_FOUND_MESSAGE);

  if (request.action === 'route') {
    const team = await tx.db
      .selectFrom('organisations')
      .select(['id', 'type'])
      .where('id', '=', request.team)
      .executeTakeFirst();
    if (!team) throw invalidInput('team', label('Onbekende organisatie', 'Unknown organisation'));
    const allowed = ROUTE_ORG_TYPES[request.route];
    if (allowed !== 'any' && !allowed.includes(team.type)) {
      throw invalidInput(
        'team',
        label(
          `Route ${request.route} kan niet naar een organisatie van type ${team.type}`,
          `Route ${request.route} cannot go to an organisation of type ${team.type}`,
        ),
      );
    }
  }

  const result = transition(row.state as SignalState, {
    ...request,
    actor: {
      userId: tx.actor.userId,
      organisationId: tx.actor.orgId,
      // The role under which the step is taken: one of the user's roles the decision allowed and the step admits.
      role: decision.roles.find((role) => TRANSITIONS[request.action].roles.includes(role)) ?? decision.role,
    },
    at: now,
  });
  if (!result.ok) {
    const { code, message } = result.error;
    if (code === 'note_required') throw invalidInput('note', message);
    if (code === 'role_not_allowed') throw new TransitionRefused(code, message);
    throw conflict(message, 'action');
  }
  const step = result.transition;
  const { action, ...detail } = step.action;
  await tx.db
    .insertInto('signal_transitions')
    .values({
      signal_id: id,
      from_state: step.from,
      to_state: step.to,
      action,
      detail: JSON.stringify(detail),
      note: step.note ?? null,
      actor_user_id: step.actor.userId,
      actor_org_id: step.actor.organisationId,
      actor_role: step.actor.role,
      at: step.at,
    })
    .execute();
  // A note changes nothing on the signal: the SLA clock runs on from the last change of state.
  if (step.action.action === 'note') {
    tx.record(decision, [id], ['note'], action);
    return { id, state: step.to, transition: { ...step } };
  }
  await tx.db
    .updateTable('signals')
    .set({
      state: step.to,
      state_changed_at: new Date(step.at),
      ...(step.action.action === 'route'
        ? { route: step.action.route, routed_org_id: step.action.team }
        : {}),
      ...(step.action.action === 'decline' ? { routed_org_id: null } : {}),
      // A new route or a hand-back to triage ends the assignment (migration 0196).
      ...(['route', 'decline', 'retriage'].includes(step.action.action)
        ? { assigned_to: null, assigned_at: null }
        : {}),
      ...(step.action.action === 'close' ? { outcome: step.action.outcome } : {}),
    })
    .where('id', '=', id)
    .execute();
  tx.record(decision, [id], ['state', ...Object.keys(detail)], action);
  return { id, state: step.to, transition: { ...step } };
}
