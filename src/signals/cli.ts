import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { INDICATOR_GROUPS, INDICATORS } from '../domain/indicators.ts';
import { ImportFileError } from './import/read.ts';
import { templateCsv, templateXlsx } from './import/template.ts';
import { validateImport } from './import/validate.ts';
import { parseSignal } from './parse.ts';
import { parseRuleSet, type RuleSet } from './ruleset.ts';
import { DEFAULT_RULE_SET } from './rulesets/index.ts';
import { formatReason, triage } from './triage.ts';

const usage = `Gebruik / usage:
  signals template [--format csv|xlsx] [--out BESTAND]   sjabloon voor bulkimport / bulk import template
  signals check-import BESTAND                          controleer een CSV/XLSX / check a CSV/XLSX file
  signals score MELDING.json [--rules REGELS.json]      valideer en scoor een melding / validate and score a signal
  signals indicators                                    lijst van indicatoren / list of indicators`;

async function readInput(path: string | undefined, io: CliIO, what: string): Promise<Buffer> {
  if (!path) throw new CliError(say(io, `Geef ${what} op`, `Give ${what}`));
  try {
    return await readFile(path);
  } catch {
    throw new CliError(say(io, `Kan ${path} niet lezen`, `Cannot read ${path}`));
  }
}

function readJson(data: Buffer, path: string, io: CliIO): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      say(io, `${path} is geen geldige JSON: ${reason}`, `${path} is not valid JSON: ${reason}`),
    );
  }
}

async function template(args: string[], io: CliIO): Promise<number> {
  const { flags } = parseFlags(
    args,
    { flags: { format: ['csv', 'xlsx'], out: 'string' }, maxPositionals: 0 },
    io,
  );
  const format = flags.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') {
    throw new CliError(say(io, '--format moet csv of xlsx zijn', '--format must be csv or xlsx'));
  }
  const out = flags.get('out');
  const content = format === 'csv' ? templateCsv() : await templateXlsx(io.lang);
  if (typeof out === 'string') {
    await writeFile(out, content);
    io.stdout(`${say(io, 'Sjabloon geschreven naar', 'Template written to')} ${out}\n`);
  } else if (format === 'csv') {
    io.stdout(content as string);
  } else {
    throw new CliError(say(io, 'Geef --out BESTAND voor xlsx', 'Give --out FILE for xlsx'));
  }
  return 0;
}

async function checkImport(args: string[], io: CliIO): Promise<number> {
  const path = parseFlags(args, { flags: {}, maxPositionals: 1 }, io).positionals[0];
  const data = await readInput(path, io, 'een bestand');
  try {
    const report = await validateImport(data, { fileName: path });
    for (const error of report.errors) {
      const where = error.column
        ? `${say(io, 'regel', 'line')} ${error.line}, ${error.column}`
        : `${say(io, 'regel', 'line')} ${error.line}`;
      io.stdout(`${where}: ${error.message[io.lang]} [${error.code}]\n`);
    }
    io.stdout(
      say(
        io,
        `${report.rowCount} regels, ${report.valid.length} goed, ${report.rowCount - report.valid.length} met fouten\n`,
        `${report.rowCount} rows, ${report.valid.length} valid, ${report.rowCount - report.valid.length} with errors\n`,
      ),
    );
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportFileError) {
      const line = error.line ? ` (${say(io, 'regel', 'line')} ${error.line})` : '';
      throw new CliError(`${path}${line}: ${error.label[io.lang]} [${error.code}]`);
    }
    throw error;
  }
}

async function score(args: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(args, { flags: { rules: 'string' }, maxPositionals: 1 }, io);
  const path = positionals[0];
  const parsed = parseSignal(readJson(await readInput(path, io, 'een melding (JSON)'), path, io));
  if (!parsed.ok) {
    for (const error of parsed.errors)
      io.stdout(`${error.field || '(melding)'}: ${error.message[io.lang]} [${error.code}]\n`);
    return 1;
  }
  let ruleSet: RuleSet = DEFAULT_RULE_SET;
  const rulesPath = flags.get('rules');
  if (typeof rulesPath === 'string') {
    const rules = parseRuleSet(readJson(await readInput(rulesPath, io, 'regels'), rulesPath, io));
    if (!rules.ok) {
      const first = rules.errors[0];
      throw new CliError(`${rulesPath}: ${first.field}: ${first.message[io.lang]} [${first.code}]`);
    }
    ruleSet = rules.ruleSet;
  }
  const result = triage(parsed.signal, ruleSet);
  io.stdout(
    `${say(io, 'Score', 'Score')}: ${result.score}  ${say(io, 'prioriteit', 'priority')}: ${result.priority}  ` +
      `${say(io, 'route', 'route')}: ${result.route.label[io.lang]} (${result.routeReason[io.lang]})\n`,
  );
  for (const reason of result.reasons) io.stdout(`  ${formatReason(reason, io.lang)}\n`);
  return 0;
}

function indicators(io: CliIO): number {
  for (const group of INDICATOR_GROUPS) {
    io.stdout(`${group.code.toUpperCase()} ${group.label[io.lang]}\n`);
    for (const indicator of INDICATORS.filter((item) => item.group === group.code)) {
      io.stdout(`  ${indicator.code.padEnd(40)} ${indicator.label[io.lang]}\n`);
    }
  }
  return 0;
}

export const command: Command = {
  name: 'signals',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'template':
        return template(rest, io);
      case 'check-import':
        return checkImport(rest, io);
      case 'score':
        return score(rest, io);
      case 'indicators':
        parseFlags(rest, { flags: {}, maxPositionals: 0 }, io);
        return indicators(io);
      default:
        throw new CliError(
          `${say(io, 'Onbekend subcommando', 'Unknown subcommand')}: ${sub ?? ''}\n${usage}`,
        );
    }
  },
};
