import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { type CheckpointReport, verifyAuditChain } from './audit.ts';
import type { SystemActor } from './context.ts';
import { passwordProblem } from './passwords.ts';
import { isRole, ORG_TYPES, type Role } from './roles.ts';
import {
  Conflict,
  createOrganisationAsSystem,
  createUserAsSystem,
  InvalidInput,
  setRolesAsSystem,
} from './users.ts';

export const auditCommand: Command = {
  name: 'audit',
  usage: [
    'npm run --silent ketenplein -- audit verify [--json]',
    '  Controleert de hele hashketen en noemt de eerste gebroken regel; exit 1 als de keten gebroken is.',
    '  Checks the whole hash chain and names the first broken entry; exit 1 when broken.',
  ].join('\n'),
  async run(args, io, context) {
    const { positionals, flags } = parseFlags(args, { flags: { json: 'boolean' }, maxPositionals: 1 }, io);
    if (positionals[0] !== 'verify')
      throw new CliError(say(io, 'gebruik: audit verify', 'usage: audit verify'));
    // Every intact check leaves a signed checkpoint of the head outside the database (SECURITY.md, finding 8).
    const result = await verifyAuditChain((await context.store()).db, { checkpoint: true });
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify(result)}\n`);
    } else if (result.ok) {
      io.stdout(
        say(
          io,
          `Auditketen intact: ${result.checked} regels.\n`,
          `Audit chain intact: ${result.checked} entries.\n`,
        ),
      );
    } else {
      io.stdout(
        say(
          io,
          `Auditketen GEBROKEN bij regel ${result.brokenAt}: ${result.reason} (${result.checked} regels eerder in orde).\n`,
          `Audit chain BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} earlier entries fine).\n`,
        ),
      );
    }
    if (!flags.has('json')) io.stdout(checkpointLines(io, result.checkpoints));
    return result.ok ? 0 : 1;
  },
};

function checkpointLines(io: CliIO, report: CheckpointReport): string {
  const lines = [
    report.folder
      ? say(io, `Controlepunten: ${report.folder}`, `Checkpoints: ${report.folder}`)
      : say(io, 'Controlepunten: geen map ingesteld', 'Checkpoints: no folder set'),
    say(io, `  vergeleken: ${report.compared}`, `  compared: ${report.compared}`),
  ];
  if (report.latest) {
    const p = report.latest;
    lines.push(
      say(
        io,
        `  laatste: regel ${p.seq} ${p.hash} (${p.at})`,
        `  latest: entry ${p.seq} ${p.hash} (${p.at})`,
      ),
    );
  }
  if (report.written) {
    const p = report.written;
    lines.push(
      say(io, `  nieuw: regel ${p.seq} ${p.hash} (${p.at})`, `  written: entry ${p.seq} ${p.hash} (${p.at})`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Bootstrap of a real deployment: the first admin of an organisation is made here, not in the UI. */
export const userCommand: Command = {
  name: 'user',
  usage: [
    'npm run --silent ketenplein -- user create --org <organisation name> --email <e-mail> --name <name> --roles admin[,…]',
    '  Het wachtwoord komt uit KETENPLEIN_NEW_PASSWORD of wordt gevraagd niet — zet het in de omgeving.',
    '  The password is read from KETENPLEIN_NEW_PASSWORD (never from the command line, so it stays out of shell history).',
    'npm run --silent ketenplein -- user roles --email <e-mail> --roles triage[,…]',
    '  De platformbeheerder kent zo ook ketenbrede rollen (triage) toe; audit: rollen voor -> na.',
    '  The platform administrator grants chain-wide roles (triage) this way; audited as roles before -> after.',
    'npm run --silent ketenplein -- user org --name <name> --type <type> [--cbs GM0363]',
  ].join('\n'),
  async run(args, io, context) {
    const { positionals, flags } = parseFlags(
      args,
      args[0] === 'org'
        ? { flags: { name: 'string', type: ORG_TYPES, cbs: 'string' }, maxPositionals: 1 }
        : { flags: { org: 'string', email: 'string', name: 'string', roles: 'string' }, maxPositionals: 1 },
      io,
    );
    const flag = (name: string) => {
      const value = flags.get(name);
      if (typeof value !== 'string' || !value.trim()) {
        throw new CliError(say(io, `--${name} ontbreekt`, `--${name} is missing`));
      }
      return value.trim();
    };
    const store = await context.store();
    // The same services as the API's admin pages, as the named actor `cli:user <sub>` (audited).
    const actor = `cli:user ${positionals[0] ?? ''}`.trim() as SystemActor;
    const refused = (error: unknown): never => {
      if (error instanceof InvalidInput || error instanceof Conflict) {
        const flagName = error.field === 'password' ? 'KETENPLEIN_NEW_PASSWORD' : `--${error.field}`;
        throw new CliError(`${flagName}: ${sayLabel(io, error.message)}`);
      }
      throw error;
    };
    if (positionals[0] === 'org') {
      const cbs = flags.get('cbs');
      await createOrganisationAsSystem(store, actor, {
        name: flag('name'),
        type: flag('type'),
        cbsCode: typeof cbs === 'string' ? cbs : null,
      }).catch(refused);
      io.stdout(say(io, 'Organisatie aangemaakt.\n', 'Organisation created.\n'));
      return 0;
    }
    if (positionals[0] !== 'create' && positionals[0] !== 'roles')
      throw new CliError(
        say(io, 'gebruik: user create | user roles | user org', 'usage: user create | user roles | user org'),
      );
    const roles = flag('roles').split(',');
    const badRole = roles.find((role) => !isRole(role));
    if (badRole)
      throw new CliError(
        say(io, `--roles: onbekende rol "${badRole}"`, `--roles: unknown role "${badRole}"`),
      );
    if (positionals[0] === 'roles') {
      await setRolesAsSystem(store, actor, { email: flag('email'), roles: roles as Role[] }).catch(refused);
      io.stdout(say(io, 'Rollen gewijzigd.\n', 'Roles changed.\n'));
      return 0;
    }
    const password = process.env.KETENPLEIN_NEW_PASSWORD ?? '';
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`KETENPLEIN_NEW_PASSWORD: ${problem}`);
    await createUserAsSystem(store, actor, {
      organisation: flag('org'),
      email: flag('email'),
      name: flag('name'),
      roles: roles as Role[],
      password,
    }).catch(refused);
    io.stdout(say(io, 'Gebruiker aangemaakt.\n', 'User created.\n'));
    return 0;
  },
};

/** The service's "Nederlands / English" message in the CLI's language. */
function sayLabel(io: CliIO, message: string): string {
  const [nl, en] = message.split(' / ');
  return en === undefined ? message : say(io, nl, en);
}
