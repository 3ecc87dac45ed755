import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, say } from '../cli/io.ts';
import { runRetention } from './retention.ts';

/**
 * Operations: apply every capability's retention period now (the server also runs it daily as a durable
 * job); `--months N` applies N months instead of each capability's own period.
 */
export const privacyCommand: Command = {
  name: 'privacy',
  usage: [
    'npm run --silent ketenplein -- privacy retention [--months N] [--json]',
    '  Past de bewaartermijn van elke capability met persoonsgegevens toe (meldingen: gesloten zonder vervolg,',
    '  KETENPLEIN_SIGNAL_RETENTION_MONTHS, standaard 60 maanden); --months N geldt dan voor alle; vastgelegd in de auditketen.',
    '  Applies the retention period of every capability holding persons (signals: closed without follow-up,',
    '  KETENPLEIN_SIGNAL_RETENTION_MONTHS, default 60 months); --months N applies to all; audited.',
  ].join('\n'),
  async run(args, io, context) {
    const { positionals, flags } = parseFlags(
      args,
      { flags: { months: 'string', json: 'boolean' }, maxPositionals: 1 },
      io,
    );
    if (positionals[0] !== 'retention') {
      throw new CliError(say(io, 'gebruik: privacy retention', 'usage: privacy retention'));
    }
    const given = flags.get('months');
    let months: number | undefined;
    if (given !== undefined) {
      months = Number(given);
      if (given === true || !Number.isInteger(months) || months < 1 || months > 600) {
        throw new CliError(
          say(
            io,
            `--months: een heel aantal maanden (1-600), niet "${given}"`,
            `--months: a whole number of months (1-600), not "${given}"`,
          ),
        );
      }
    }
    const removed = await runRetention(await context.store(), { months });
    if (flags.has('json')) {
      const counts = Object.fromEntries(Object.entries(removed).map(([name, ids]) => [name, ids.length]));
      io.stdout(`${JSON.stringify({ months: months ?? null, removed: counts })}\n`);
    } else {
      const period =
        months === undefined
          ? say(io, 'eigen termijnen', 'own periods')
          : `${months} ${say(io, 'maanden', 'months')}`;
      for (const [name, ids] of Object.entries(removed)) {
        io.stdout(
          say(
            io,
            `Bewaartermijn (${period}) ${name}: persoonsgegevens van ${ids.length} records verwijderd.\n`,
            `Retention (${period}) ${name}: personal data of ${ids.length} records removed.\n`,
          ),
        );
      }
    }
    return 0;
  },
};
