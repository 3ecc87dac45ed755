import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { ImportFileError, readTable } from '../../src/signals/import/read.ts';
import { templateXlsx } from '../../src/signals/import/template.ts';

/** Finding 2: an XLSX that unpacks to far more than it weighs, or declares a huge sheet. */
function xlsxWithSheet(sheetXml: string): Uint8Array {
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
  };
  return zipSync(files, { level: 9 });
}

const sheet = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

async function refusal(data: Uint8Array): Promise<ImportFileError> {
  try {
    await readTable(data, { fileName: 'bomb.xlsx' });
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('security: XLSX limits while unpacking', () => {
  test('a small file that unpacks to 60 MB is refused, quickly', async () => {
    const padding = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>';
    const bomb = xlsxWithSheet(sheet(padding + ' '.repeat(60 * 1024 * 1024)));
    assert.ok(bomb.byteLength < 1024 * 1024, `compressed ${bomb.byteLength} bytes`);
    const started = process.hrtime.bigint();
    const error = await refusal(bomb);
    assert.equal(error.code, 'file_too_large');
    assert.match(error.label.en, /unpacks to more than 32 MB/);
    // Not a timing claim about the machine: only that it stopped long before parsing 60 MB of XML.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 10);
  });

  test('a sheet declaring row 1,000,000 or column XFD is refused before parsing', async () => {
    const far = await refusal(
      xlsxWithSheet(
        sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>'),
      ),
    );
    assert.equal(far.code, 'too_many_rows');
    const wide = await refusal(xlsxWithSheet(sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>')));
    assert.equal(wide.code, 'too_many_columns');
    const many = Array.from(
      { length: 10_002 },
      (_, i) => `<row><c t="inlineStr"><is><t>v${i}</t></is></c></row>`,
    );
    assert.equal((await refusal(xlsxWithSheet(sheet(many.join(''))))).code, 'too_many_rows');
  });

  test('the real template (with its example rows) still reads', async () => {
    const template = await templateXlsx('nl');
    const table = await readTable(new Uint8Array(template), { fileName: 'template.xlsx' });
    assert.equal(table.format, 'xlsx');
    assert.ok(table.headers.length >= 20);
  });
});
