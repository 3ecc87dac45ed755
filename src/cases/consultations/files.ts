import PDFDocument from 'pdfkit';
import type { getConsultation } from './store.ts';

type Meeting = Awaited<ReturnType<typeof getConsultation>>;
type Lang = 'nl' | 'en';

const WORDS = {
  nl: {
    minutes: 'Verslag casusoverleg',
    chair: 'Voorzitter',
    when: 'Datum',
    where: 'Locatie',
    participants: 'Deelnemende organisaties',
    people: 'Aanwezigen',
    item: 'Agendapunt',
    notShared: 'Niet met uw organisatie gedeeld.',
    contribution: 'Inbreng',
    decision: 'Besluit',
    action: 'Actie',
    owner: 'eigenaar',
    due: 'uiterlijk',
    carried: 'Openstaande acties uit eerder overleg',
    footer: 'Vertrouwelijk – alleen voor deelnemers van dit casusoverleg (doel: casusoverleg).',
  },
  en: {
    minutes: 'Minutes of the case consultation',
    chair: 'Chair',
    when: 'Date',
    where: 'Location',
    participants: 'Participating organisations',
    people: 'Attendees',
    item: 'Agenda item',
    notShared: 'Not shared with your organisation.',
    contribution: 'Contribution',
    decision: 'Decision',
    action: 'Action',
    owner: 'owner',
    due: 'due',
    carried: 'Open actions from an earlier consultation',
    footer: 'Confidential – for the participants of this consultation only (purpose: case consultation).',
  },
} as const;

const dateTime = (value: unknown, lang: Lang) =>
  new Date(String(value)).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'long',
    timeStyle: 'short',
  });

/**
 * The minutes as a PDF (pdfkit), built from the meeting exactly as the requesting organisation sees it: an
 * item it has no grant on reads "not shared with your organisation". Only case references, titles and the
 * minutes' notes are printed, no person data of the case file.
 */
export function minutesPdf(meeting: Meeting, lang: Lang): Promise<Buffer> {
  const w = WORDS[lang];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${w.minutes}: ${String(meeting.title)}`, Author: 'Ketenplein' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`${w.minutes}: ${String(meeting.title)}`);
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  doc.text(`${w.chair}: ${String(meeting.chair_org_name)}`);
  doc.text(`${w.when}: ${dateTime(meeting.starts_at, lang)}`);
  if (meeting.location) doc.text(`${w.where}: ${String(meeting.location)}`);
  const orgs = (meeting.organisations as { name: string }[] | undefined) ?? [];
  doc.text(`${w.participants}: ${orgs.map((o) => o.name).join(', ')}`);
  const people = (meeting.people as { name: string; orgName: string }[] | undefined) ?? [];
  if (people.length > 0) doc.text(`${w.people}: ${people.map((p) => `${p.name} (${p.orgName})`).join(', ')}`);
  for (const item of meeting.agenda) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13);
    if (!item.shared) {
      doc.text(`${w.item} ${item.position}`);
      doc.font('Helvetica-Oblique').fontSize(11).text(w.notShared);
      continue;
    }
    const shown = item as typeof item & {
      case_reference?: string;
      case_title?: string;
      notes: Record<string, unknown>[];
      open_actions: Record<string, unknown>[];
    };
    doc.text(`${w.item} ${item.position}: ${shown.case_reference ?? ''} – ${shown.case_title ?? ''}`);
    doc.font('Helvetica').fontSize(11);
    const line = (note: Record<string, unknown>) => {
      const kind = note.kind as 'contribution' | 'decision' | 'action';
      const who = kind === 'contribution' ? ` (${String(note.org_name)})` : '';
      const task =
        kind === 'action'
          ? ` – ${w.owner}: ${String(note.task_owner_org_name ?? '')}, ${w.due}: ${String(note.task_due_on ?? '')}`
          : '';
      doc.text(`${w[kind]}${who}: ${String(note.text)}${task}`, { indent: 12 });
    };
    for (const note of shown.notes) line(note);
    if (shown.open_actions.length > 0) {
      doc.moveDown(0.3).font('Helvetica-Oblique').text(w.carried, { indent: 12 }).font('Helvetica');
      for (const note of shown.open_actions) line(note);
    }
  }
  doc.moveDown(2).font('Helvetica-Oblique').fontSize(9).text(w.footer);
  doc.end();
  return done;
}

/** RFC 5545 text escaping (3.3.11) and line folding at 75 octets (3.1). */
const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char, 'utf8') > limit) {
      parts.push(current);
      current = char;
    } else current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
const utc = (value: unknown) =>
  new Date(String(value))
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * The invitation as an iCalendar file (RFC 5545, hand-written: one VEVENT). It names the consultation, the
 * chair and the organisations, never a case: the agenda's content stays behind the grants.
 */
export function invitationIcs(meeting: Meeting, baseUrl: string, lang: Lang): string {
  const orgs = ((meeting.organisations as { name: string }[] | undefined) ?? []).map((o) => o.name);
  const description =
    lang === 'nl'
      ? `Casusoverleg, voorgezeten door ${String(meeting.chair_org_name)}. Deelnemers: ${orgs.join(', ')}. Agenda: ${baseUrl}/overleg/${String(meeting.id)}`
      : `Case consultation chaired by ${String(meeting.chair_org_name)}. Participants: ${orgs.join(', ')}. Agenda: ${baseUrl}/overleg/${String(meeting.id)}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ketenplein//Casusoverleg//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${String(meeting.id)}@ketenplein`,
    `DTSTAMP:${utc(new Date().toISOString())}`,
    `DTSTART:${utc(meeting.starts_at)}`,
    `DTEND:${utc(meeting.ends_at)}`,
    `SUMMARY:${escapeText(String(meeting.title))}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(meeting.location ? [`LOCATION:${escapeText(String(meeting.location))}`] : []),
    `ORGANIZER;CN="${String(meeting.chair_org_name).replace(/["\r\n]/g, '')}":mailto:noreply@ketenplein.invalid`,
    'CLASS:CONFIDENTIAL',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
