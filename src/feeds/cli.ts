import { readFile } from 'node:fs/promises';
import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { missingColumns, readCsvRecords, referentOf, registerEntryOf } from './csv.ts';
import { ScreeningIndex, type ScreenResult } from './match.ts';

const USAGE = `ketenplein screen --register <wav.csv> --applications <applications.csv> [--json]

Toetst referenten van visumaanvragen aan het Wav-register / screens visa referents against the Wav register.
wav.csv: id, kvk, name, trade_names (gescheiden door | / separated by |), street, house_number, postcode, city,
         fined_on, irrevocable_on
applications.csv: id, referent_name, referent_kvk (optioneel / optional), street, house_number, postcode, city
Uitvoer/output (--json): {"results": [{"id", "verdict": "hit"|"possible"|"none",
                          "matches": [{"register_id", "score", "reasons"}]}]}, één per aanvraag, in invoervolgorde /
                          one per application, in input order.`;

async function readRecords(path: string, io: CliIO): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      say(
        io,
        `kan ${path} niet lezen: ${(error as Error).message}`,
        `cannot read ${path}: ${(error as Error).message}`,
      ),
    );
  }
  try {
    return readCsvRecords(text);
  } catch (error) {
    throw new CliError(
      say(
        io,
        `${path} is geen geldige CSV: ${(error as Error).message}`,
        `${path} is not valid CSV: ${(error as Error).message}`,
      ),
    );
  }
}

export function resultsJson(results: readonly ScreenResult[]): string {
  return `${JSON.stringify({
    results: results.map((r) => ({
      id: r.id,
      verdict: r.verdict,
      matches: r.matches.map((m) => ({ register_id: m.registerId, score: m.score, reasons: m.reasons })),
    })),
  })}\n`;
}

export const screenCommand: Command = {
  name: 'screen',
  usage: USAGE,
  run: async (args, io) => {
    const { flags } = parseFlags(
      args,
      { flags: { register: 'string', applications: 'string', json: 'boolean' }, maxPositionals: 0 },
      io,
    );
    const registerPath = flags.get('register');
    const applicationsPath = flags.get('applications');
    if (typeof registerPath !== 'string')
      throw new CliError(say(io, '--register <wav.csv> ontbreekt', '--register <wav.csv> is missing'));
    if (typeof applicationsPath !== 'string')
      throw new CliError(
        say(io, '--applications <aanvragen.csv> ontbreekt', '--applications <applications.csv> is missing'),
      );
    const [registerRows, applicationRows] = await Promise.all([
      readRecords(registerPath, io),
      readRecords(applicationsPath, io),
    ]);
    const lackRegister = missingColumns(registerRows, ['id', 'name']);
    const lackApps = missingColumns(applicationRows, ['id', 'referent_name']);
    if (lackRegister.length > 0 || lackApps.length > 0) {
      const lack = [
        ...lackRegister.map((c) => `${registerPath}: ${c}`),
        ...lackApps.map((c) => `${applicationsPath}: ${c}`),
      ];
      throw new CliError(
        say(io, `kolommen ontbreken: ${lack.join(', ')}`, `columns missing: ${lack.join(', ')}`),
      );
    }
    const index = new ScreeningIndex(registerRows.map(registerEntryOf));
    const results = applicationRows.map((row) => index.screen(referentOf(row)));
    if (flags.get('json')) io.stdout(resultsJson(results));
    else {
      const count = (v: string) => results.filter((r) => r.verdict === v).length;
      for (const r of results) {
        if (r.verdict === 'none') continue;
        const m = r.matches[0];
        io.stdout(`${r.id}\t${r.verdict}\t${m.registerId}\t${m.score}\t${m.reasons.join('; ')}\n`);
      }
      io.stdout(
        say(
          io,
          `${results.length} aanvragen: ${count('hit')} treffer, ${count('possible')} mogelijke treffer, ${count('none')} geen\n`,
          `${results.length} applications: ${count('hit')} hit, ${count('possible')} possible hit, ${count('none')} none\n`,
        ),
      );
    }
    return 0;
  },
};
