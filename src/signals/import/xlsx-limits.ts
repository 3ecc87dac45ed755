import { Unzip, UnzipInflate } from 'fflate';

/**
 * Checks an XLSX (a ZIP of XML parts) against limits *while unpacking it*, before any XML parser sees
 * it. A 1 MB upload can unpack to gigabytes (a zip bomb) or declare a sheet of a million rows; both
 * are stopped here after at most one input slice of extra work, since the archive is fed to the
 * streaming inflater in small slices and unpacking stops at the first limit crossed. The sizes the
 * archive declares are not trusted: only the bytes actually produced count.
 */
export interface XlsxLimits {
  /** Bytes of all parts together once unpacked. */
  maxUnpackedBytes: number;
  /** Rows of a sheet, header included (counted and by the highest row number). */
  maxRows: number;
  /** Columns of a sheet (by the highest column letter of any cell). */
  maxColumns: number;
}

export type XlsxLimitProblem =
  | { kind: 'unpacked_too_large'; limit: number }
  | { kind: 'too_many_rows'; limit: number }
  | { kind: 'too_many_columns'; limit: number }
  | { kind: 'damaged' };

/** Pushed to the inflater at a time: bounds the output of one push (deflate expands at most ~1032×). */
const SLICE = 4 * 1024;
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW_TAG = /<row[\s>/]/g;
const ROW_NUMBER = /<row\b[^>]*?\sr="(\d+)"/g;
const CELL_COLUMN = /<c\b[^>]*?\sr="([A-Z]+)\d+"/g;
const DIMENSION = /<dimension\b[^>]*?\sref="[A-Z]+\d+:([A-Z]+)(\d+)"/g;
/** Enough to hold any tag prefix the patterns look at across a slice boundary. */
const CARRY = 256;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The first limit the archive crosses, or null when it stays within all of them. */
export function checkXlsxLimits(data: Uint8Array, limits: XlsxLimits): XlsxLimitProblem | null {
  let problem: XlsxLimitProblem | null = null;
  let unpacked = 0;
  const unzip = new Unzip((file) => {
    const sheet = SHEET.test(file.name);
    let carry = '';
    let rows = 0;
    file.ondata = (error, chunk) => {
      if (problem) return;
      if (error) {
        problem = { kind: 'damaged' };
        return;
      }
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes) {
        problem = { kind: 'unpacked_too_large', limit: limits.maxUnpackedBytes };
        file.terminate();
        return;
      }
      if (!sheet) return;
      // Tags are ASCII, so latin1 decoding keeps every tag intact and cannot fail.
      const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      // Count only matches that end in the new part: those wholly in the carry were counted before.
      const fresh = (match: RegExpExecArray) => match.index + match[0].length > carry.length;
      for (const match of text.matchAll(ROW_TAG)) if (fresh(match)) rows++;
      let maxRow = rows;
      let maxColumn = 0;
      for (const match of text.matchAll(ROW_NUMBER)) if (fresh(match)) maxRow = Math.max(maxRow, +match[1]);
      for (const match of text.matchAll(CELL_COLUMN))
        if (fresh(match)) maxColumn = Math.max(maxColumn, columnNumber(match[1]));
      for (const match of text.matchAll(DIMENSION)) {
        if (!fresh(match)) continue;
        maxColumn = Math.max(maxColumn, columnNumber(match[1]));
        maxRow = Math.max(maxRow, +match[2]);
      }
      if (maxRow > limits.maxRows) problem = { kind: 'too_many_rows', limit: limits.maxRows };
      else if (maxColumn > limits.maxColumns)
        problem = { kind: 'too_many_columns', limit: limits.maxColumns };
      if (problem) file.terminate();
      carry = text.slice(-CARRY);
    };
    try {
      file.start();
    } catch {
      problem = { kind: 'damaged' }; // an unsupported compression method
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < data.byteLength && !problem; at += SLICE) {
      const end = Math.min(at + SLICE, data.byteLength);
      unzip.push(data.subarray(at, end), end === data.byteLength);
    }
  } catch {
    return problem ?? { kind: 'damaged' };
  }
  return problem;
}
