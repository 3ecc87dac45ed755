import { z } from 'zod';
import { abilitiesOf } from '../access/abilities.ts';
import { withAccess } from '../access/context.ts';
import type { Actor } from '../access/policy.ts';
import { referralOverview } from '../cases/index.ts';
import type { Store } from '../store/connect.ts';
import { myNotifications, signalWork } from './store/assignment.ts';

export const Assignment = z.strictObject({
  id: z.uuid(),
  assignedTo: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
});

const CARD_KINDS = ['new', 'overdue', 'assigned_to_me', 'referrals_received'] as const;

export const Work = z.strictObject({
  cards: z.array(
    z.strictObject({
      kind: z.enum(CARD_KINDS),
      queue: z.enum(['triage', 'team', 'referrals']),
      purpose: z.string(),
      count: z.number().int().min(0),
      link: z.string().describe('where the web app shows these'),
    }),
  ),
  notifications: z.array(
    z.strictObject({
      id: z.uuid(),
      kind: z.string(),
      link: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});

type Card = z.infer<typeof Work>['cards'][number];

/**
 * What waits for a user (issue 19, item 9): for every purpose under which the user may read signals (triage,
 * a receiving team) the counts of its queue, and under the purposes that receive referrals the open ones
 * (through the cases capability's published `referralOverview`). Each purpose in its own access transaction,
 * counted in SQL under its grants and row-level security.
 */
export async function workOf(store: Store, actor: Actor) {
  const abilities = abilitiesOf(actor);
  const purposesFor = (resource: string, action: string) =>
    abilities.find((a) => a.resource === resource && a.action === action)?.purposes.map((p) => p.purpose) ??
    [];
  const cards: Card[] = [];
  let notifications: z.infer<typeof Work>['notifications'] = [];
  const handling = purposesFor('signal', 'transition');
  for (const purpose of handling) {
    const work = await withAccess(store, { actor, purpose }, async (tx) => {
      const counts = await signalWork(tx);
      return { counts, notifications: await myNotifications(tx) };
    });
    const { queue } = work.counts;
    const base = queue === 'triage' ? '/triage' : '/team';
    const fresh = queue === 'triage' ? 'received' : 'routed';
    cards.push(
      { kind: 'new', queue, purpose, count: work.counts.new, link: `${base}?state=${fresh}` },
      // Oldest first: the overdue ones lead the list.
      { kind: 'overdue', queue, purpose, count: work.counts.overdue, link: `${base}?sort=received&dir=asc` },
      {
        kind: 'assigned_to_me',
        queue,
        purpose,
        count: work.counts.assignedToMe,
        link: `${base}?assigned=me`,
      },
    );
    notifications = work.notifications;
  }
  for (const purpose of purposesFor('case_referral', 'read')) {
    const overview = await withAccess(store, { actor, purpose }, (tx) =>
      referralOverview(tx, 'in', 'pending'),
    );
    cards.push({
      kind: 'referrals_received',
      queue: 'referrals',
      purpose,
      count: overview.counts.pending,
      link: '/verwijzingen',
    });
  }
  return { cards, notifications };
}
