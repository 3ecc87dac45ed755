import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, say } from '../cli/io.ts';
import { verifyAuditChain } from './audit.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { isRole, ORG_TYPES } from './roles.ts';

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
    const result = await verifyAuditChain((await context.store()).db);
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
    return result.ok ? 0 : 1;
  },
};

/** Bootstrap of a real deployment: the first admin of an organisation is made here, not in the UI. */
export const userCommand: Command = {
  name: 'user',
  usage: [
    'npm run --silent ketenplein -- user create --org <organisation name> --email <e-mail> --name <name> --roles admin[,…]',
    '  Het wachtwoord komt uit KETENPLEIN_NEW_PASSWORD of wordt gevraagd niet — zet het in de omgeving.',
    '  The password is read from KETENPLEIN_NEW_PASSWORD (never from the command line, so it stays out of shell history).',
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
    if (positionals[0] !== 'create')
      throw new CliError(say(io, 'gebruik: user create | user org', 'usage: user create | user org'));
    const roles = flag('roles').split(',');
    const badRole = roles.find((role) => !isRole(role));
    if (badRole)
      throw new CliError(
        say(io, `--roles: onbekende rol "${badRole}"`, `--roles: unknown role "${badRole}"`),
      );
    const password = process.env.KETENPLEIN_NEW_PASSWORD ?? '';
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`KETENPLEIN_NEW_PASSWORD: ${problem}`);
    const org = await store.db
      .selectFrom('organisations')
      .select('id')
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
