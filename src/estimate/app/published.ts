import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import './schema.ts';

/** The latest finished size estimate with its interval, for the programme monitor (issue 17, item 2). */
export interface LatestSizeEstimate {
  estimateId: string;
  name: string;
  finishedAt: string;
  observed: number;
  total: number;
  lower: number | null;
  upper: number | null;
  level: number | null;
}

/** Read by the monitor's daily job as the system; only the headline figures leave, never the input. */
export async function latestSizeEstimate(db: Kysely<Database>): Promise<LatestSizeEstimate | null> {
  const rows = await db
    .selectFrom('estimates')
    .select(['id', 'name', 'finished_at', 'result'])
    .where('status', '=', 'done')
    .orderBy('finished_at', 'desc')
    .limit(20)
    .execute();
  for (const row of rows) {
    const result = row.result as {
      observed?: number;
      estimate?: { total: number; ci?: { lower: number; upper: number | null; level: number } } | null;
    } | null;
    if (!result?.estimate) continue;
    return {
      estimateId: row.id,
      name: row.name,
      finishedAt: new Date(row.finished_at as unknown as string).toISOString(),
      observed: result.observed ?? 0,
      total: result.estimate.total,
      lower: result.estimate.ci?.lower ?? null,
      upper: result.estimate.ci?.upper ?? null,
      level: result.estimate.ci?.level ?? null,
    };
  }
  return null;
}
