/**
 * FIU batch upload (issue 18, item 3): a batch of N transactions (default 50,000, the most one batch may hold)
 * with wage pools, rent payers and cash depositors mixed into ordinary payments, uploaded over HTTP to a test
 * server (PGlite, or PostgreSQL with DATABASE_URL). Prints the time of validation and indicators alone (pure),
 * of the whole upload, and the signals made.
 *
 *   node --import tsx bench/feeds/fiu-upload.ts [--rows 50000]
 */
import { parseArgs } from '../../src/cli/io.ts';
import { readCsvRecords } from '../../src/feeds/csv.ts';
import { detectFindings, validateTransactions } from '../../src/feeds/fiu.ts';
import { FIU_HEADER } from '../../src/feeds/fixtures.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';

const { flags } = parseArgs(process.argv.slice(2), []);
const rows = Number(flags.get('rows') ?? 50_000);

function iban(n: number): string {
  const bban = `INGB${String(n).padStart(10, '0')}`;
  const digits = `${bban}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = String(98n - (BigInt(digits) % 97n)).padStart(2, '0');
  return `NL${check}${bban}`;
}

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const lines = [FIU_HEADER];
for (let i = 0; i < rows; i++) {
  const r = random();
  const day = `2026-${String(1 + Math.floor(random() * 10)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const a = iban(1 + Math.floor(random() * 20_000));
  const b = iban(1 + Math.floor(random() * 20_000));
  const hub = iban(900_000 + Math.floor(random() * 50));
  if (r < 0.05)
    lines.push(
      `F-${i},${day},transfer,1400.00,EUR,Loon week ${i % 52},,Werkgever ${i % 7} BV,${a},,,Tussenpersoon ${hub.slice(-2)},${hub},1980-01-01,,bank,`,
    );
  else if (r < 0.08)
    lines.push(
      `F-${i},${day},transfer,600.00,EUR,Huur kamer,,Tussenpersoon ${hub.slice(-2)},${hub},1980-01-01,,Verhuurder ${i % 5},${b},,,bank,`,
    );
  else if (r < 0.1)
    lines.push(
      `F-${i},${day},cash_deposit,500.00,EUR,,Plaats ${i % 9},,,,,Tussenpersoon ${hub.slice(-2)},${hub},1980-01-01,,bank,`,
    );
  else
    lines.push(
      `F-${i},${day},transfer,${(1 + random() * 200).toFixed(2)},EUR,Boodschappen,,Persoon ${i},${a},,,Winkel ${i % 100},${b},,,bank,`,
    );
}
const csv = `${lines.join('\n')}\n`;

let t = performance.now();
const { valid, problems } = validateTransactions(readCsvRecords(csv), new Date());
const findings = detectFindings(valid);
const pure = (performance.now() - t) / 1000;
if (problems.length > 0) throw new Error(JSON.stringify(problems.slice(0, 3)));

const server = await startTestServer();
const fiu = await loginAs(server, 'aanlevering@fiu.example', 'criminal_investigation');
t = performance.now();
const res = await fiu.request<{ signals: unknown[] }>(
  'POST',
  '/api/v1/feeds/fiu/batches?reference=BENCH',
  csv,
  {
    'content-type': 'text/csv',
  },
);
const upload = (performance.now() - t) / 1000;
await server.close();
console.log(
  JSON.stringify({
    database: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite',
    rows,
    megabytes: Number((csv.length / 1024 / 1024).toFixed(1)),
    status: res.status,
    findings: findings.length,
    signals: res.body.signals?.length,
    validateAndDetectSeconds: Number(pure.toFixed(2)),
    uploadSeconds: Number(upload.toFixed(2)),
  }),
);
