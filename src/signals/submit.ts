import { createHash } from 'node:crypto';
import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import type { Lang } from '../domain/label.ts';
import { label, Problem } from '../domain/problem.ts';
import type { ValidationError } from '../domain/validate/result.ts';
import { ImportFileError } from './import/read.ts';
import { validateImport } from './import/validate.ts';
import { parseSignal } from './parse.ts';
import { submitSignal } from './store/index.ts';

/**
 * Intake as the API and other capabilities ask for it: one submission (JSON) or a bulk file, checked
 * whole before anything is written, refused with every problem at once.
 */

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The payload's fingerprint: the same Idempotency-Key with another payload is refused. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** Every problem of a refused signal at once; the first also in the usual `code/message/field` place. */
function refused(errors: readonly ValidationError[]): Problem {
  const first = errors[0];
  return new Problem(400, first.code, first.message, first.field, errors);
}

/**
 * Checks and stores one submitted signal; a refused one throws a Problem naming every field before any
 * transaction is opened. `runInTx` is the caller's access transaction.
 */
export async function reportSignal(
  body: unknown,
  options: { idempotencyKey?: string },
  cipher: FieldCipher,
  runInTx: <T>(work: (tx: AccessTx) => Promise<T>) => Promise<T>,
) {
  const parsed = parseSignal(body);
  if (!parsed.ok) throw refused(parsed.errors);
  const hash = payloadHash(body);
  return runInTx((tx) =>
    submitSignal(tx, cipher, parsed.signal, { idempotencyKey: options.idempotencyKey, payloadHash: hash }),
  );
}

/**
 * Rows per transaction of a bulk import. Each batch commits on its own and the connection is handed back
 * between batches, so on PGlite (one connection) other users' requests run between them instead of
 * waiting for the whole file. `KETENPLEIN_IMPORT_BATCH_ROWS` overrides it (benchmarks).
 */
export const IMPORT_BATCH_ROWS = Number(process.env.KETENPLEIN_IMPORT_BATCH_ROWS) || 25;

/** A refusal (no purpose, no right, a reused key) is about the whole import, not one row. */
function refusesTheImport(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status < 500;
}

type ValidRow = Awaited<ReturnType<typeof validateImport>>['valid'][number];

/**
 * Stores the valid rows in batches. A row's key is the file's hash and its line: a signal stored once is
 * found again (not doubled) when the same file is sent again after an interrupted import, so every row
 * acknowledged is kept and a retry completes the rest. A batch that fails is tried row by row, so one row
 * that cannot be written is reported (and leaves nothing) while the others are stored.
 */
async function storeInBatches(
  file: Buffer,
  rows: readonly ValidRow[],
  cipher: FieldCipher,
  runInTx: <T>(work: (tx: AccessTx) => Promise<T>) => Promise<T>,
  rejected: { line: number; column: string; code: string; message: string }[],
  lang: Lang,
) {
  const fileHash = createHash('sha256').update(file).digest('hex').slice(0, 32);
  const store = (tx: AccessTx, row: ValidRow) =>
    submitSignal(tx, cipher, row.signal, {
      payloadHash: payloadHash(row.signal),
      idempotencyKey: `import:${fileHash}:${row.line}`,
    }).then((receipt) => ({ line: row.line, id: receipt.id }));
  const imported: { line: number; id: string }[] = [];
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_ROWS) {
    const batch = rows.slice(start, start + IMPORT_BATCH_ROWS);
    try {
      imported.push(
        ...(await runInTx(async (tx) => {
          const receipts = [];
          for (const row of batch) receipts.push(await store(tx, row));
          return receipts;
        })),
      );
    } catch (error) {
      if (refusesTheImport(error)) throw error;
      for (const row of batch) {
        try {
          imported.push(await runInTx((tx) => store(tx, row)));
        } catch (rowError) {
          if (refusesTheImport(rowError)) throw rowError;
          rejected.push({
            line: row.line,
            column: '',
            code: 'not_stored',
            message: label('Deze rij kon niet worden opgeslagen', 'This row could not be stored')[lang],
          });
        }
      }
    }
    // Lets requests that arrived meanwhile in before the next batch asks for the connection again.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return imported;
}

export type ImportMode = 'all_or_nothing' | 'valid_only';

/**
 * A bulk file (CSV or XLSX): every row is validated first. By default nothing is written unless every
 * row is valid; with `valid_only` the valid rows are stored and the rest returned. `runInTx` opens the
 * access transaction only once the file is known to be worth writing.
 */
export async function importSignals(
  file: Buffer,
  options: { fileName?: string; mode: ImportMode; lang: Lang },
  cipher: FieldCipher,
  runInTx: <T>(work: (tx: AccessTx) => Promise<T>) => Promise<T>,
) {
  let report: Awaited<ReturnType<typeof validateImport>>;
  try {
    report = await validateImport(file, { fileName: options.fileName, maxBytes: IMPORT_MAX_BYTES });
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    const status = error.code === 'file_too_large' ? 413 : 400;
    throw new Problem(status, error.code, error.label, 'file', [], error.line);
  }
  const rejected = report.errors.map((e) => ({
    line: e.line,
    column: e.column,
    code: e.code,
    message: e.message[options.lang],
  }));
  if (!report.ok && options.mode === 'all_or_nothing') {
    const count = report.errors.length;
    throw new Problem(
      400,
      'invalid_rows',
      label(
        `${count} fout(en) in het bestand; er is niets geïmporteerd`,
        `${count} problem(s) in the file; nothing was imported`,
      ),
      'file',
      report.errors.map((e) => ({ line: e.line, column: e.column, code: e.code, message: e.message })),
    );
  }
  const imported = await storeInBatches(file, report.valid, cipher, runInTx, rejected, options.lang);
  return { imported, rejected };
}
