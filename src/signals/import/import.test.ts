import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import writeXlsxFile from 'write-excel-file/node';
import { createSignalSchema } from '../schema.ts';
import { IMPORT_COLUMNS } from './columns.ts';
import { ImportFileError } from './read.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { type ImportReport, validateImport } from './validate.ts';

const schema = createSignalSchema({ now: () => new Date('2024-06-15T10:00:00Z') });
const bytes = (text: string) => new TextEncoder().encode(text);

async function report(text: string, fileName = 'meldingen.csv'): Promise<ImportReport> {
  return validateImport(bytes(text), { fileName, schema });
}

async function fileError(
  data: Uint8Array,
  fileName: string,
  options: { maxBytes?: number; maxRows?: number } = {},
) {
  try {
    await validateImport(data, { fileName, schema, ...options });
  } catch (error) {
    assert.ok(error instanceof ImportFileError, String(error));
    assert.ok(error.label.nl && error.label.en);
    return error;
  }
  assert.fail('expected an ImportFileError');
}

function problems(result: ImportReport): string[] {
  return result.errors.map((error) => `${error.line}:${error.column}:${error.code}`);
}

describe('bulk import: rows', () => {
  it('accepts the CSV and XLSX templates as they are', async () => {
    const csv = await validateImport(bytes(templateCsv()), { fileName: 'sjabloon.csv', schema });
    assert.ok(csv.ok, JSON.stringify(csv.errors));
    assert.equal(csv.valid[0].signal.persons[0].givenNames, 'Ştefan');
    assert.equal(csv.valid[0].signal.channel, 'csv_import');
    const xlsx = await validateImport(await templateXlsx(), { fileName: 'sjabloon.xlsx', schema });
    assert.ok(xlsx.ok, JSON.stringify(xlsx.errors));
    assert.equal(xlsx.format, 'xlsx');
    assert.deepEqual(xlsx.valid[0].signal, csv.valid[0].signal);
  });

  it('reads a comma-separated file with English headers and lists in cells', async () => {
    const result = await report(
      'forms,indicators,narrative,person_phone,municipality,handles\n' +
        'labour,"ilo.deception; ilo.isolation",Loods,"06-12345678|+31 6 8765 4321",Amsterdam,instagram:@Nagels_Studio\n',
    );
    assert.ok(result.ok, JSON.stringify(result.errors));
    const signal = result.valid[0].signal;
    assert.deepEqual(
      signal.indicators.map((i) => i.code),
      ['ilo.deception', 'ilo.isolation'],
    );
    assert.deepEqual(signal.persons[0].phones, ['+31612345678', '+31687654321']);
    assert.equal(signal.persons[0].role, 'other');
    assert.equal(signal.location?.municipality, 'GM0363');
    assert.deepEqual(signal.handles, [{ platform: 'instagram', handle: 'nagels_studio' }]);
  });

  it('reports every bad row with its line, column and reason, and keeps the good rows apart', async () => {
    const csv = [
      'vormen;indicatoren;omschrijving;persoon_bsn;persoon_telefoon;bedrijf_naam;bedrijf_kvk;postcode;waargenomen_op',
      'labour;ilo.deception;goed;;06-12345678;Snel BV;69241234;1234 AB;2024-06-01',
      'labour;om.9.invented;"twee regels',
      'in één cel";123456789;06-1234;Snel BV;1234;0123 AB;2024-07-01',
      'sexual;;goed ook;;;;;;',
      'slavery;;x;;;;;;',
    ].join('\n');
    const result = await report(csv);
    assert.equal(result.ok, false);
    assert.equal(result.rowCount, 4);
    assert.deepEqual(
      result.valid.map((row) => row.line),
      [2, 5],
    );
    assert.deepEqual(problems(result).sort(), [
      '3:bedrijf_kvk:kvk_format',
      '3:indicatoren:indicator_unknown',
      '3:persoon_bsn:bsn_checksum',
      '3:persoon_telefoon:phone_invalid',
      '3:postcode:postcode_format',
      '3:waargenomen_op:date_in_future',
      '6:vormen:invalid_value',
    ]);
  });

  it('numbers lines right when a file mixes line endings', async () => {
    const result = await report('vormen;omschrijving\r\nlabour;goed\r\nnonsense;x\n');
    assert.deepEqual(problems(result), ['3:vormen:invalid_value']);
  });

  it('reports a row with more cells than the header', async () => {
    const result = await report('vormen;omschrijving\nlabour;x;extra\n');
    assert.deepEqual(problems(result), ['2::column_count']);
  });

  it('numbers XLSX rows as Excel shows them, skipping empty rows', async () => {
    const header = IMPORT_COLUMNS.map((c) => c.header);
    const row = (forms: string, kvk: string) =>
      header.map((h) =>
        h === 'vormen' ? forms : h === 'bedrijf_kvk' ? kvk : h === 'omschrijving' ? 'x' : '',
      );
    const file = await writeXlsxFile([
      header,
      row('labour', ''),
      header.map(() => null),
      row('labour', '12'),
      // A number cell, as Excel makes of a KvK number typed without formatting.
      header.map((h) =>
        h === 'vormen'
          ? 'sexual'
          : h === 'bedrijf_kvk'
            ? 69241234
            : h === 'bedrijf_naam'
              ? 'BV'
              : h === 'omschrijving'
                ? 'x'
                : null,
      ),
    ]).toBuffer();
    const result = await validateImport(file, { fileName: 'meldingen.xlsx', schema });
    assert.deepEqual(problems(result).sort(), ['4:bedrijf_kvk:kvk_format', '4:bedrijf_naam:required']);
    assert.deepEqual(
      result.valid.map((r) => r.line),
      [2, 5],
    );
    assert.equal(result.valid[1].signal.companies[0].kvk, '69241234');
  });
});

describe('bulk import: files', () => {
  it('refuses an empty file and a file with only a header', async () => {
    assert.equal((await fileError(new Uint8Array(0), 'a.csv')).code, 'empty_file');
    assert.equal((await fileError(bytes('  \n\n'), 'a.csv')).code, 'empty_file');
    assert.equal((await fileError(bytes('vormen;omschrijving\n'), 'a.csv')).code, 'no_rows');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const error = await fileError(bytes('vormen\nlabour\n'), 'a.csv', { maxBytes: 5 });
    assert.equal(error.code, 'file_too_large');
    assert.match(error.label.nl, /grens/);
  });

  it('refuses files that are not CSV or XLSX', async () => {
    assert.equal((await fileError(bytes('%PDF-1.7\n\u0000\u0001'), 'scan.csv')).code, 'unsupported_type');
    assert.equal((await fileError(bytes('vormen\nlabour\n'), 'notities.docx')).code, 'unsupported_type');
    assert.equal(
      (await fileError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'oud.xls')).code,
      'xls_not_supported',
    );
    assert.equal((await fileError(bytes('vormen\nlabour\n'), 'meldingen.xlsx')).code, 'not_xlsx');
    assert.equal(
      (await fileError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), 'kapot.xlsx')).code,
      'not_xlsx',
    );
    assert.equal(
      (await fileError(new Uint8Array([0xff, 0xfe, 0x41, 0x42]), 'latin.csv')).code,
      'unsupported_type',
    );
  });

  it('refuses unknown, duplicate and missing columns naming them, on line 1', async () => {
    const unknown = await fileError(bytes('vormen;schoenmaat\nlabour;44\n'), 'a.csv');
    assert.equal(unknown.code, 'unknown_column');
    assert.equal(unknown.line, 1);
    assert.match(unknown.label.nl, /schoenmaat/);
    assert.equal((await fileError(bytes('vormen;forms\nlabour;labour\n'), 'a.csv')).code, 'duplicate_column');
    assert.equal((await fileError(bytes('omschrijving\nx\n'), 'a.csv')).code, 'missing_column');
  });

  it('refuses broken quoting with the line', async () => {
    const error = await fileError(bytes('vormen;omschrijving\nlabour;"open\n'), 'a.csv');
    assert.equal(error.code, 'csv_syntax');
  });

  it('refuses more rows than the limit', async () => {
    const error = await fileError(bytes('vormen;omschrijving\nlabour;a\nlabour;b\nlabour;c\n'), 'a.csv', {
      maxRows: 2,
    });
    assert.equal(error.code, 'too_many_rows');
  });
});
