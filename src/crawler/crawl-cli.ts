import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { withAccess } from '../access/context.ts';
import { AccessDenied, type Actor } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import type { CliContext, Command } from '../cli/commands.ts';
import { type FlagSpec, parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import type { Store } from '../store/connect.ts';
import type { CrawlProgress } from './crawl-store.ts';
import { createInvestigation, executeCrawl, saveAdapter, startCrawl } from './service.ts';
import { toInvestigation } from './wire.ts';

const USAGE = `ketenplein crawl --investigation <id> --site <adapter> [--max-pages N] --user <e-mail> [--min-delay-ms 1000] [--json]
ketenplein crawl mandate --case-ref <ref> --legal-basis <text> --ends-on <YYYY-MM-DD> --sites a,b [--terms x,y] --user <e-mail>
ketenplein crawl adapter --file <adapter.json> --user <e-mail>

Crawlt een site binnen een onderzoek (mandaat met rechtsgrond, einddatum, sites en termen), als de
opgegeven gebruiker met rol investigator en doel criminal_investigation. Een onderbroken crawl gaat
verder waar hij stopte (Ctrl-C pauzeert). Zonder mandaat: geweigerd met de reden.
Crawls a site inside an investigation, as the given investigator for purpose criminal_investigation.
An interrupted crawl resumes where it stopped (Ctrl-C pauses). Without a mandate it is refused with the reason.
The user may also come from KETENPLEIN_USER.`;

const PURPOSE = 'criminal_investigation';

/** The flags of each form of the command: `crawl mandate`, `crawl adapter`, and the crawl itself. */
const CRAWL_FLAGS: Record<string, FlagSpec> = {
  mandate: {
    flags: {
      'case-ref': 'string',
      'legal-basis': 'string',
      'ends-on': 'string',
      sites: 'string',
      terms: 'string',
      user: 'string',
    },
    maxPositionals: 1,
  },
  adapter: { flags: { file: 'string', user: 'string' }, maxPositionals: 1 },
  crawl: {
    flags: {
      investigation: 'string',
      site: 'string',
      'max-pages': 'int',
      'min-delay-ms': 'number',
      user: 'string',
      json: 'boolean',
    },
  },
};

function required(flags: Map<string, string | true>, name: string, io: CliIO): string {
  const value = flags.get(name);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliError(say(io, `--${name} ontbreekt`, `--${name} is missing`));
  }
  return value;
}

/** The CLI acts as a named user (operations console); the access layer decides as for the API. */
async function actorFor(store: Store, email: string, io: CliIO): Promise<Actor> {
  const row = await store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.org_id', 'users.roles', 'users.disabled', 'organisations.type'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (!row || row.disabled)
    throw new CliError(say(io, `--user: geen actieve gebruiker ${email}`, `--user: no active user ${email}`));
  return { userId: row.id, orgId: row.org_id, orgType: row.type, roles: row.roles as Role[] };
}

function denied(error: unknown, io: CliIO): never {
  if (error instanceof AccessDenied) {
    const [nl, en] = error.message.split(' / ');
    throw new CliError(
      `${say(io, 'geweigerd (403)', 'refused (403)')}: ${io.lang === 'en' ? (en ?? nl) : nl}`,
      3,
    );
  }
  if (error instanceof Error && 'field' in error) {
    throw new CliError(`${String((error as { field: unknown }).field)}: ${error.message}`);
  }
  throw error;
}

export const crawlCommand: Command = {
  name: 'crawl',
  usage: USAGE,
  run: async (args, io, context: CliContext) => {
    const { positionals, flags } = parseFlags(
      args,
      Object.hasOwn(CRAWL_FLAGS, args[0] ?? '') ? CRAWL_FLAGS[args[0]] : CRAWL_FLAGS.crawl,
      io,
    );
    const store = await context.store();
    const email = (flags.get('user') as string | undefined) ?? process.env.KETENPLEIN_USER;
    if (!email || typeof email !== 'string')
      throw new CliError(say(io, '--user <e-mail> ontbreekt', '--user <e-mail> is missing'));
    const actor = await actorFor(store, email, io);
    const as = <T>(work: Parameters<typeof withAccess<T>>[2]) =>
      withAccess(store, { actor, purpose: PURPOSE }, work).catch((error: unknown) => denied(error, io));

    if (positionals[0] === 'mandate') {
      const list = (name: string) =>
        (flags.get(name) as string | undefined)
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean) ?? [];
      const created = await as((tx) =>
        createInvestigation(tx, {
          caseRef: required(flags, 'case-ref', io),
          legalBasis: required(flags, 'legal-basis', io),
          endsOn: required(flags, 'ends-on', io),
          sites: list('sites'),
          terms: list('terms'),
        }),
      );
      io.stdout(`${JSON.stringify(toInvestigation(created))}\n`);
      return 0;
    }
    if (positionals[0] === 'adapter') {
      const file = required(flags, 'file', io);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(
          say(
            io,
            `kan ${file} niet lezen: ${(error as Error).message}`,
            `cannot read ${file}: ${(error as Error).message}`,
          ),
        );
      }
      const adapter = await as((tx) => saveAdapter(tx, text));
      io.stdout(`${say(io, 'site-adapter opgeslagen', 'site adapter saved')}: ${adapter.id}\n`);
      return 0;
    }
    if (positionals.length > 0)
      throw new CliError(
        say(io, `onbekend subcommando "${positionals[0]}"`, `unknown subcommand "${positionals[0]}"`),
      );

    const maxPagesFlag = flags.get('max-pages');
    const maxPages = maxPagesFlag === undefined ? undefined : Number(maxPagesFlag);
    if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
      throw new CliError(
        say(io, '--max-pages: een positief geheel getal', '--max-pages: a positive whole number'),
      );
    }
    const minDelay = Number(flags.get('min-delay-ms') ?? 1000);
    if (!(Number.isFinite(minDelay) && minDelay >= 0)) throw new CliError('--min-delay-ms: ≥ 0');
    const run = await as((tx) =>
      startCrawl(tx, {
        investigationId: required(flags, 'investigation', io),
        site: required(flags, 'site', io),
        maxPages: maxPages,
        resume: true,
      }),
    );
    const controller = new AbortController();
    const pause = () => controller.abort();
    process.once('SIGINT', pause);
    const bar = io.interactive
      ? new cliProgress.SingleBar(
          {
            format: `${say(io, 'crawl', 'crawl')} [{bar}] {value}/{total} | ${say(io, 'advertenties', 'ads')} {ads} | ${say(io, 'fouten', 'errors')} {errors}`,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(maxPages ?? 1, 0, { ads: 0, errors: 0 });
    let last = 0;
    const onProgress = (p: CrawlProgress) => {
      const done = p.queued - p.pending;
      bar?.setTotal(maxPages ? Math.min(maxPages, p.queued) : p.queued);
      bar?.update(done, { ads: p.adsFound, errors: p.errors });
      if (!bar && done - last >= 50) {
        last = done;
        io.stderr(
          `${done}/${p.queued} ${say(io, 'pagina’s', 'pages')}, ${p.adsFound} ${say(io, 'advertenties', 'ads')}, ${p.errors} ${say(io, 'fouten', 'errors')}\n`,
        );
      }
    };
    try {
      const result = await executeCrawl(store, run.id, {
        fetcher: { minDelayMs: minDelay },
        onProgress,
        signal: controller.signal,
        maxPages: maxPages ?? Number.POSITIVE_INFINITY,
      });
      bar?.stop();
      if (flags.get('json')) io.stdout(`${JSON.stringify({ crawlId: run.id, ...result })}\n`);
      else {
        io.stdout(
          `${say(io, 'crawl', 'crawl')} ${run.id}: ${result.stoppedBy}${result.reason ? ` (${result.reason})` : ''}; ` +
            `${result.pagesFetched} ${say(io, 'pagina’s opgehaald', 'pages fetched')}, ${result.adsFound} ${say(io, 'advertenties', 'ads')}, ` +
            `${result.errors} ${say(io, 'fouten', 'errors')}, ${result.pending} ${say(io, 'nog in de wachtrij', 'still queued')}\n`,
        );
      }
      return result.stoppedBy === 'refused' ? 3 : 0;
    } finally {
      process.off('SIGINT', pause);
    }
  },
};
