import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, say } from '../cli/io.ts';
import { retentionMonths, runSignalRetention } from './retention.ts';

/** Operations: run the signal retention now (the server also runs it daily as a durable job). */
export const privacyCommand: Command = {
  name: 'privacy',
  usage: [
    'npm run --silent ketenplein -- privacy retention [--months N] [--json]',
    '  Verwijdert de persoonsgegevens van meldingen die langer dan N maanden (standaard',
    '  KETENPLEIN_SIGNAL_RETENTION_MONTHS, anders 60) zonder vervolg zijn afgesloten; vastgelegd in de auditketen.',
    '  Removes the personal data of signals closed without follow-up more than N months ago; audited.',
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
    let months: number;
    if (given === undefined) {
      months = retentionMonths();
    } else {
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
    const result = await runSignalRetention(await context.store(), { months });
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify({ months, signals: result.signals.length })}\n`);
    } else {
      io.stdout(
        say(
          io,
          `Bewaartermijn ${months} maanden: persoonsgegevens van ${result.signals.length} meldingen verwijderd.\n`,
          `Retention ${months} months: personal data of ${result.signals.length} signals removed.\n`,
        ),
      );
    }
    return 0;
  },
};
