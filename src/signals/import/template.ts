import writeXlsxFile from 'write-excel-file/node';
import { EXPLOITATION_FORMS } from '../../domain/forms.ts';
import { INDICATORS } from '../../domain/indicators.ts';
import type { Lang } from '../../domain/label.ts';
import { IMPORT_COLUMNS } from './columns.ts';

/** RFC 4180 quoting for one cell. */
function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The downloadable CSV template: a header and one example row, `;`-separated with a byte-order mark
 * so Dutch Excel opens it in columns and with the right characters (Ş in Ştefan).
 */
export function templateCsv(): string {
  const delimiter = ';';
  const lines = [IMPORT_COLUMNS.map((c) => c.header), IMPORT_COLUMNS.map((c) => c.example)];
  return `\uFEFF${lines.map((cells) => cells.map((cell) => csvCell(cell, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** The XLSX template: the signals sheet, plus sheets explaining the columns, forms and indicator codes. */
export async function templateXlsx(lang: Lang = 'nl'): Promise<Buffer> {
  const bold = { fontWeight: 'bold' as const };
  const header = (titles: string[]) => titles.map((value) => ({ value, ...bold }));
  const nl = lang === 'nl';
  const signals = [
    header(IMPORT_COLUMNS.map((c) => c.header)),
    // Cells are written as text so Excel keeps leading zeros in phone numbers, BSNs and postcodes.
    IMPORT_COLUMNS.map((c) => ({ value: c.example, type: String })),
  ];
  const columns = [
    header(
      nl
        ? ['Kolom', 'Engelse naam', 'Verplicht', 'Toelichting']
        : ['Column', 'English name', 'Required', 'Description'],
    ),
    ...IMPORT_COLUMNS.map((c) => [
      c.header,
      c.englishHeader,
      c.required ? (nl ? 'ja' : 'yes') : '',
      c.description[lang],
    ]),
  ];
  const forms = [
    header(nl ? ['Code', 'Vorm'] : ['Code', 'Form']),
    ...EXPLOITATION_FORMS.map((form) => [form.code, form.label[lang]]),
  ];
  const indicators = [
    header(nl ? ['Code', 'Groep', 'Indicator', 'Vormen'] : ['Code', 'Group', 'Indicator', 'Forms']),
    ...INDICATORS.map((indicator) => [
      indicator.code,
      indicator.group,
      indicator.label[lang],
      indicator.forms.join(', '),
    ]),
  ];
  return writeXlsxFile([
    {
      data: signals,
      sheet: nl ? 'Meldingen' : 'Signals',
      columns: IMPORT_COLUMNS.map(() => ({ width: 22 })),
    },
    {
      data: columns,
      sheet: nl ? 'Kolommen' : 'Columns',
      columns: [{ width: 24 }, { width: 24 }, { width: 10 }, { width: 70 }],
    },
    { data: forms, sheet: nl ? 'Vormen' : 'Forms', columns: [{ width: 16 }, { width: 60 }] },
    {
      data: indicators,
      sheet: nl ? 'Indicatoren' : 'Indicators',
      columns: [{ width: 40 }, { width: 8 }, { width: 60 }, { width: 36 }],
    },
  ]).toBuffer();
}
