import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import type { Store } from '../store/connect.ts';
import { type CheckpointReport, verifyAuditChain } from './audit.ts';
import { withSystem } from './context.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { roleChange, unfitRole } from './role-grants.ts';
import { isRole, ORG_TYPES, type Role } from './roles.ts';

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
    if (positionals[0] === 'org') {
      const type = flag('type');
      const cbs = flags.get('cbs');
      try {
        await store.db
          .insertInto('organisations')
          .values({ name: flag('name'), type, cbs_code: typeof cbs === 'string' ? cbs : null, region: null })
          .execute();
      } catch (error) {
        throw new CliError(
          `${say(io, 'organisatie niet aangemaakt', 'organisation not created')}: ${(error as Error).message}`,
        );
      }
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
    if (positionals[0] === 'roles') return setRoles(io, store, flag('email'), roles as Role[]);
    const password = process.env.KETENPLEIN_NEW_PASSWORD ?? '';
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`KETENPLEIN_NEW_PASSWORD: ${problem}`);
    const org = await store.db
      .selectFrom('organisations')
      .select(['id', 'type'])
      .where('name', '=', flag('org'))
      .executeTakeFirst();
    if (!org)
      throw new CliError(
        say(
          io,
          `--org: organisatie "${flag('org')}" bestaat niet`,
          `--org: no organisation "${flag('org')}"`,
        ),
      );
    const unfit = org ? unfitRole(roles as Role[], org.type) : null;
    if (unfit)
      throw new CliError(
        say(
          io,
          `--roles: de rol ${unfit} past niet bij een organisatie van het type ${org?.type}`,
          `--roles: the role ${unfit} does not fit an organisation of type ${org?.type}`,
        ),
      );
    await store.db
      .insertInto('users')
      .values({
        org_id: org.id,
        email: flag('email'),
        name: flag('name'),
        roles,
        password_hash: await hashPassword(password),
      })
      .execute();
    io.stdout(say(io, 'Gebruiker aangemaakt.\n', 'User created.\n'));
    return 0;
  },
};

/** The platform administrator's role change: the only way to a chain-wide role; fits the organisation; audited. */
async function setRoles(io: CliIO, store: Store, email: string, roles: Role[]): Promise<number> {
  const user = await store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.org_id', 'users.roles', 'organisations.type'])
    .where('users.email', '=', email)
    .executeTakeFirst();
  if (!user) throw new CliError(say(io, `--email: geen gebruiker ${email}`, `--email: no user ${email}`));
  const unfit = unfitRole(roles, user.type);
  if (unfit)
    throw new CliError(
      say(
        io,
        `--roles: de rol ${unfit} past niet bij een organisatie van het type ${user.type}`,
        `--roles: the role ${unfit} does not fit an organisation of type ${user.type}`,
      ),
    );
  await withSystem(store, async (db, audit) => {
    await db.updateTable('users').set({ roles }).where('id', '=', user.id).execute();
    audit({
      userId: null,
      orgId: user.org_id,
      role: 'platform_admin',
      purpose: 'administration',
      action: 'update',
      resource: 'user',
      recordIds: [user.id],
      fields: ['roles'],
      result: 'allowed',
      reason: roleChange(user.roles as Role[], roles),
    });
  });
  io.stdout(say(io, 'Rollen gewijzigd.\n', 'Roles changed.\n'));
  return 0;
}
