/**
 * Issue 12 item 3: the server's event-loop delay while heavy work runs, through the real HTTP server.
 * First 3 s with only the probes (the floor), then at once: an estimate on the 6-list Dutch table (stepwise
 * selection, profile intervals), an estimate from Ketenplein's registrations (linkage of the stored
 * persons), the crawler clusters of an investigation and a bulk import. Meanwhile 2 clients ask /health
 * (closed loop). Target: event-loop delay p99 < 50 ms while the work runs.
 *
 *   node --import tsx bench/load/event-loop.ts [--registrations 300] [--ads 300] [--rows 1000]
 *        [--only pglite|postgres] [--pg postgres://…]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from '../../src/cli/io.ts';
import { executeCrawl } from '../../src/crawler/service.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';
import { generateAds } from '../crawler/generator.ts';
import { startSite, syntheticAdapter } from '../crawler/site.ts';
import { importFile } from '../signals/import-file.ts';

const { flags } = parseArgs(process.argv.slice(2));
const registrations = Number(flags.get('registrations') ?? 300);
const adCount = Number(flags.get('ads') ?? 300);
const rows = Number(flags.get('rows') ?? 1000);
const only = flags.get('only');
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);
const SIX = readFileSync('test/data/mse/netherlands_2010_2015_6lists.csv', 'utf8');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const ms = (ns: number) => (ns / 1e6).toFixed(1);

async function benchOn(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer();
  const ads = generateAds({ seed: 9, ads: adCount });
  const site = await startSite({ seed: 9, ads, perPage: 20, crawlDelay: 0, traps: false });
  try {
    // Set-up, not measured: registrations from three organisations, a crawled investigation.
    const analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    const reporters = await Promise.all(
      ['melder@gemeente-amsterdam.example', 'melder@opvang.example', 'melder@kmar.example'].map((e) =>
        loginAs(server, e, 'signal_intake'),
      ),
    );
    for (let i = 0; i < registrations; i++) {
      const person = i % 120; // the same persons come back in other organisations' registrations
      const response = await reporters[i % 3].post('/api/v1/signals', {
        forms: ['sexual'],
        narrative: 'Registratie voor de schatting.',
        persons: [
          {
            role: 'possible_victim',
            givenNames: `Anna${person}`,
            surname: `Jansen${person % 40}`,
            dateOfBirth: `19${70 + (person % 30)}-0${1 + (person % 9)}-1${person % 10}`,
          },
        ],
      });
      if (response.status !== 201) throw new Error(`registration: ${JSON.stringify(response.body)}`);
    }
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    await investigator.post('/api/v1/crawler/adapters', { config: syntheticAdapter(site.baseUrl) });
    const mandate = await investigator.post<{ id: string }>('/api/v1/crawler/investigations', {
      caseRef: 'ON-2026-1',
      legalBasis: 'Wpg art. 9, bevel OvJ 2026-3',
      endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sites: ['synthetic-escort'],
    });
    const crawl = await investigator.post<{ id: string }>('/api/v1/crawler/crawls', {
      investigationId: mandate.body.id,
      site: 'synthetic-escort',
    });
    await executeCrawl(server.store, crawl.body.id, { fetcher: { minDelayMs: 0 } });
    const csv = importFile({ rows, shareRate: 0.5, sharedNumbers: 20, seed: 1 });

    let done = false;
    const health: number[] = [];
    const probe = async () => {
      while (!done) {
        const start = performance.now();
        await fetch(`${server.url}/health`);
        health.push(performance.now() - start);
      }
    };
    console.log(`${label} (load average ${load()})`);
    const floor = monitorEventLoopDelay({ resolution: 10 });
    floor.enable();
    const probing = Promise.all([probe(), probe()]);
    await new Promise((r) => setTimeout(r, 3000));
    floor.disable();
    console.log(
      `  floor (probes only, 3 s)    event-loop delay p99 ${ms(floor.percentile(99))} ms  max ${ms(floor.max)} ms`,
    );
    const timed = async (what: string, run: () => Promise<{ status: number; body: unknown }>) => {
      const start = performance.now();
      const response = await run();
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      const failed = response.status >= 300 ? ` ${JSON.stringify(response.body).slice(0, 300)}` : '';
      return `${what}: ${response.status} in ${seconds} s${failed}`;
    };
    const work: [string, () => Promise<{ status: number; body: unknown }>][] = [
      [
        'estimate (6 lists, stepwise-csv selection, profile intervals)',
        () =>
          analyst.post('/api/v1/estimates', {
            name: 'NL 6',
            input: { format: 'table-csv', text: SIX },
            settings: { select: 'stepwise-csv', ci: 'profile' },
          }),
      ],
      [
        `registration linkage (${registrations} registrations)`,
        () => analyst.post('/api/v1/estimates/from-registrations', { preview: true }),
      ],
      [
        `crawler clusters (${adCount} ads)`,
        () => investigator.get(`/api/v1/crawler/investigations/${mandate.body.id}/clusters`),
      ],
      [
        `import (${rows} rows)`,
        () =>
          reporters[0].request('POST', '/api/v1/signals/import?filename=bench.csv', csv, {
            'content-type': 'text/csv',
          }),
      ],
    ];
    // Each alone (which one blocks), then all at once; /health answers meanwhile, from the same 2 probes.
    const measured = async (what: string, runs: (() => Promise<string>)[]) => {
      const lag = monitorEventLoopDelay({ resolution: 10 });
      health.length = 0;
      lag.enable();
      const lines = await Promise.all(runs.map((run) => run()));
      lag.disable();
      const sorted = [...health].sort((x, y) => x - y);
      for (const line of lines) console.log(`  ${line}`);
      console.log(
        `    ${what.padEnd(10)} event-loop delay p99 ${ms(lag.percentile(99)).padStart(7)} ms  max ${ms(lag.max).padStart(7)} ms; /health p99 ${sorted[Math.floor(sorted.length * 0.99)]?.toFixed(0)} ms (${sorted.length} answers)`,
      );
    };
    for (const [what, run] of work) await measured('alone', [() => timed(what, run)]);
    // The import is idempotent per file: all at once sends it again with another seed.
    const csv2 = importFile({ rows, shareRate: 0.5, sharedNumbers: 20, seed: 2 });
    work[3][1] = () =>
      reporters[0].request('POST', '/api/v1/signals/import?filename=bench2.csv', csv2, {
        'content-type': 'text/csv',
      });
    console.log('  all four at once:');
    await measured(
      'together',
      work.map(
        ([what, run]) =>
          () =>
            timed(what, run),
      ),
    );
    console.log('  (target: event-loop delay p99 < 50 ms)');
    done = true;
    await probing;
    console.log(`  load average after: ${load()}`);
  } finally {
    await site.close();
    await server.close();
  }
}

if (only !== 'postgres') await benchOn('PGlite (embedded)', undefined);
if (only !== 'pglite') await benchOn('PostgreSQL', pgUrl);
