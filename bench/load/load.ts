/**
 * Issue 12 item 6 in one run, per database, through the real HTTP server (one process):
 *  1. GET /health at 8 clients (the baseline: HTTP plus one trivial query, no session, no audit);
 *  2. audited reads GET /api/v1/users/:id at 8 clients, and their ratio to 1;
 *  3. a mixed load at 20 clients: list signals, read a signal, take in a signal (1:2:1), with p50/p99 per kind;
 *  then `audit verify` over the whole chain the run wrote.
 *
 *   node --import tsx bench/load/load.ts [--seconds 10] [--mixed-seconds 20] [--only pglite|postgres]
 *        [--pg postgres://…]
 *
 * Targets (PostgreSQL): audited/health ≥ 0.5; mixed ≥ 300 requests/s with p99 < 150 ms; chain intact.
 */
import { loadavg } from 'node:os';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { parseArgs } from '../../src/cli/io.ts';
import { type ApiClient, loginAs, startTestServer } from '../../test/helpers/server.ts';
import { formatLoad, measureLoad } from '../lib/load.ts';

const { flags } = parseArgs(process.argv.slice(2));
const seconds = Number(flags.get('seconds') ?? 10);
const mixedSeconds = Number(flags.get('mixed-seconds') ?? 20);
const only = flags.get('only');
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function submission(i: number) {
  return {
    forms: ['labour'],
    indicators: [{ code: 'ilo.excessive_overtime' }, { code: 'ilo.withholding_of_wages' }],
    narrative: `Belastingtest ${i}`,
    location: { municipality: 'GM0363' },
    persons: [
      {
        role: 'possible_victim',
        givenNames: 'Anna',
        surname: `Jansen${i % 50}`,
        phones: [`+3162${String(10_000_000 + (i % 200)).slice(-7)}`],
      },
    ],
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.floor(sorted.length * p)] ?? Number.NaN;

async function mixed(reporter: ApiClient, triage: ApiClient, ids: string[]) {
  const kinds = ['list', 'read', 'read', 'intake'] as const;
  const latencies: Record<string, number[]> = { list: [], read: [], intake: [] };
  const all: number[] = [];
  const end = performance.now() + mixedSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const i = next++;
      const kind = kinds[i % kinds.length];
      const start = performance.now();
      const response =
        kind === 'list'
          ? await triage.get('/api/v1/signals?limit=25')
          : kind === 'read'
            ? await triage.get(`/api/v1/signals/${ids[i % ids.length]}`)
            : await reporter.post('/api/v1/signals', submission(i));
      const expected = kind === 'intake' ? 201 : 200;
      if (response.status !== expected)
        throw new Error(`${kind}: status ${response.status} ${JSON.stringify(response.body)}`);
      const ms = performance.now() - start;
      latencies[kind].push(ms);
      all.push(ms);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: 20 }, worker));
  const elapsed = (performance.now() - began) / 1000;
  const line = (label: string, values: number[]) => {
    values.sort((a, b) => a - b);
    return `${label.padEnd(8)} ${(values.length / elapsed).toFixed(0).padStart(5)}/s  p50 ${percentile(values, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(values, 0.99).toFixed(1).padStart(6)} ms  max ${(values.at(-1) ?? 0).toFixed(0).padStart(5)} ms`;
  };
  return [line('all', all), ...Object.entries(latencies).map(([k, v]) => line(k, v))];
}

async function benchOn(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer();
  try {
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const target = (await admin.get<{ id: string }[]>('/api/v1/users')).body[0].id;
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await reporter.post<{ id: string }>('/api/v1/signals', submission(100_000 + i));
      if (response.status !== 201) throw new Error(`seed intake: ${JSON.stringify(response.body)}`);
      ids.push(response.body.id);
    }
    console.log(`${label} (load average before: ${load()})`);
    const health = await measureLoad({
      seconds,
      concurrency: 8,
      run: async () => (await fetch(`${server.url}/health`)).status,
    });
    console.log(`  GET /health, 8 clients                ${formatLoad(health)}`);
    const audited = await measureLoad({
      seconds,
      concurrency: 8,
      run: async () => (await admin.get(`/api/v1/users/${target}`)).status,
    });
    console.log(
      `  audited GET /api/v1/users/:id, 8      ${formatLoad(audited)}  ratio ${(audited.perSecond / health.perSecond).toFixed(2)} (target ≥ 0.5)`,
    );
    console.log(
      `  mixed, 20 clients, ${mixedSeconds} s (list:read:intake 1:2:1; target ≥ 300/s, p99 < 150 ms)`,
    );
    for (const line of await mixed(reporter, triage, ids)) console.log(`    ${line}`);
    const verified = await verifyAuditChain(server.store.db);
    console.log(
      `  audit verify: ${verified.ok ? `intact, ${verified.checked} entries` : `BROKEN at ${verified.brokenAt}: ${verified.reason}`}`,
    );
    console.log(`  load average after: ${load()}`);
  } finally {
    await server.close();
  }
}

console.log(`bench/load: one server process, 2-core machine shared with other work`);
if (only !== 'pglite') await benchOn('PostgreSQL', pgUrl);
if (only !== 'postgres') await benchOn('PGlite (embedded)', undefined);
