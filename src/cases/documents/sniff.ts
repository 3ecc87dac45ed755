import { fileTypeFromBuffer } from 'file-type';
import { label, Problem } from '../../domain/problem.ts';

/**
 * What a case document may be (issue 15, item 4), decided on the content alone with a maintained sniffing
 * library (file-type), never on the file's name or the type the client declared: PDF, images, office
 * documents and e-mail. An executable renamed `.pdf`, an HTML page, a script or an empty file is refused.
 */
const BINARY_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'image/heic': 'HEIC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument',
  'application/rtf': 'RTF',
  // The OLE compound file: Outlook's .msg and the older .doc/.xls/.ppt (file-type names them all "cfb").
  'application/x-cfb': 'Outlook/Office 97-2003',
};

export const ALLOWED_DOCUMENT_KINDS =
  'PDF, PNG, JPEG, GIF, WebP, TIFF, HEIC, Word, Excel, PowerPoint, OpenDocument, RTF, e-mail (.eml, .msg)';

export interface Sniffed {
  mediaType: string;
  /** Text for search (an e-mail's subject, sender and plain body); empty when none is taken out. */
  text: string;
}

function refused(nl: string, en: string): Problem {
  return new Problem(
    415,
    'unsupported_document_type',
    label(`${nl} Toegestaan: ${ALLOWED_DOCUMENT_KINDS}.`, `${en} Allowed: ${ALLOWED_DOCUMENT_KINDS}.`),
    'file',
  );
}

/**
 * An RFC 5322 message (.eml) is text, so no magic number names it. It passes only when it is valid UTF-8 (or
 * 7-bit) without NUL or other control bytes, its first line is a header field, its header block holds a
 * From and at least one of Date, Subject, Message-ID, and no part of it is HTML meant to be rendered as a page
 * (an HTML file with a "From:" line prepended stays refused: its body starts with markup).
 */
export function emailText(content: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
  // Control characters other than tab, LF, CR (and form feed in old mail) mean a binary file.
  if (hasBinaryControl(text)) return null;
  const split = text.search(/\r?\n\r?\n/);
  if (split <= 0) return null;
  const head = text.slice(0, split);
  const body = text.slice(split).trim();
  const lines = head.split(/\r?\n/);
  if (!/^[!-9;-~]+:/.test(lines[0])) return null;
  // Every header line is a field or its folded continuation.
  if (!lines.every((line) => /^[!-9;-~]+:/.test(line) || /^[ \t]/.test(line))) return null;
  const names = new Set(lines.map((line) => line.split(':')[0].toLowerCase()));
  if (!names.has('from') || !(names.has('date') || names.has('subject') || names.has('message-id'))) {
    return null;
  }
  if (/^\s*<(!doctype|html|head|body|script|svg)/i.test(body)) return null;
  const subject = lines.find((line) => /^subject:/i.test(line)) ?? '';
  const from = lines.find((line) => /^from:/i.test(line)) ?? '';
  // A multipart message: its text/plain parts only (markup is never indexed or shown).
  return [subject.slice(8).trim(), from.slice(5).trim(), plainBody(text.slice(split))]
    .filter(Boolean)
    .join('\n')
    .slice(0, 100_000);
}

function hasBinaryControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 127) return true;
  }
  return false;
}

function plainBody(body: string): string {
  if (!/content-type:\s*multipart\//i.test(body) && !/^\s*--/.test(body)) return body.trim();
  const parts = body.split(/\r?\n--[^\r\n]+/);
  return parts
    .filter((part) => /content-type:\s*text\/plain/i.test(part))
    .map((part) => part.replace(/^[\s\S]*?\r?\n\r?\n/, '').trim())
    .join('\n');
}

/** Checks a document's content against the allow-list; throws 415 (or 400 when empty) naming the field. */
export async function sniffDocument(content: Buffer): Promise<Sniffed> {
  if (content.length === 0) {
    throw new Problem(400, 'empty_document', label('Het bestand is leeg', 'The file is empty'), 'file');
  }
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    if (BINARY_TYPES[detected.mime]) return { mediaType: detected.mime, text: '' };
    throw refused(
      `Dit bestandstype (${detected.ext}) is niet toegestaan; de inhoud telt, niet de naam.`,
      `This file type (${detected.ext}) is not allowed; the content counts, not the name.`,
    );
  }
  const mail = emailText(content);
  if (mail !== null) return { mediaType: 'message/rfc822', text: mail };
  throw refused(
    'Het bestandstype is niet herkend of niet toegestaan (bijvoorbeeld HTML of tekst); de inhoud telt, niet de naam.',
    'The file type is not recognised or not allowed (HTML or plain text, for instance); the content counts, not the name.',
  );
}
