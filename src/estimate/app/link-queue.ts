import type { AccessTx } from '../../access/context.ts';
import { enqueueJob } from '../../store/jobs.ts';
import { LINK_JOB, requestLink, uploadList } from './rounds.ts';
import type { Lang } from './service.ts';

/**
 * An uploaded list, and the link job when it was the last one: both commit in the caller's transaction,
 * so a complete round is never left unlinked.
 */
export async function uploadListAndLink(
  tx: AccessTx,
  roundId: string,
  list: string,
  text: string,
  lang: Lang,
) {
  const result = await uploadList(tx, roundId, list, text);
  if (result.complete) await enqueueJob(tx, LINK_JOB, { roundId, lang });
  return result;
}

/** Links a complete round again (e.g. after a failure): checked, then queued in the same transaction. */
export async function relinkRound(tx: AccessTx, roundId: string, lang: Lang): Promise<{ queued: true }> {
  await requestLink(tx, roundId);
  await enqueueJob(tx, LINK_JOB, { roundId, lang });
  return { queued: true };
}
