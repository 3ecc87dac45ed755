/**
 * E-mail addresses and messenger handles, normalised so that trivial variations
 * ("Lisa.X@GMAIL.com", "lisa [at] gmail [dot] com", "@Lisa_X" vs "lisa_x") compare equal.
 */

// "naam [at] domein [dot] nl" and similar disguises, undone before matching.
const AT = /\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s+at\s+|\s+apenstaartje\s+)\s*/gi;
const DOT =
  /\s*(?:\[\s*(?:dot|punt)\s*\]|\(\s*(?:dot|punt)\s*\)|\{\s*(?:dot|punt)\s*\}|\s+(?:dot|punt)\s+)\s*/gi;
const EMAIL =
  /[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}/gi;
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** One e-mail address in canonical form: lower case; for Gmail without dots and +tags (the same mailbox). */
export function normaliseEmail(raw: string): string | undefined {
  const match = undisguise(raw.trim()).match(EMAIL);
  if (!match) return undefined;
  const [local, domain] = match[0].toLowerCase().split('@');
  if (GMAIL.has(domain)) return `${local.split('+')[0].replace(/\./g, '')}@gmail.com`;
  return `${local}@${domain}`;
}

function undisguise(text: string): string {
  return text.replace(AT, '@').replace(DOT, '.');
}

export function findEmails(text: string): string[] {
  const out = new Set<string>();
  for (const match of undisguise(text).matchAll(EMAIL)) {
    const email = normaliseEmail(match[0]);
    if (email) out.add(email);
  }
  return [...out];
}

/** Messenger handles as `service:name`; the service is part of the identity. */
const SERVICES: Record<string, string> = {
  snap: 'snapchat',
  snapchat: 'snapchat',
  sc: 'snapchat',
  telegram: 'telegram',
  tg: 'telegram',
  't.me': 'telegram',
  insta: 'instagram',
  instagram: 'instagram',
  ig: 'instagram',
  kik: 'kik',
  signal: 'signal',
  wickr: 'wickr',
  onlyfans: 'onlyfans',
};
const SERVICE_NAMES = Object.keys(SERVICES)
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace('.', '\\.'))
  .join('|');
const HANDLE = new RegExp(`\\b(${SERVICE_NAMES})(\\s*(?::|/|-|=|\\s)\\s*@?)([a-z0-9][a-z0-9._]{1,31})`, 'gi');
/**
 * "Alleen Telegram graag" / "only WhatsApp please" name a service, not an account: after a bare
 * space we only take a name written as one (with @, or with a digit, dot or underscore in it).
 */
const looksLikeAccount = (separator: string, name: string) =>
  /[:/=@-]/.test(separator) || /[0-9._]/.test(name.replace(/[._]+$/, ''));

export function normaliseHandle(service: string, name: string): string | undefined {
  const canonical = SERVICES[service.toLowerCase()];
  const cleaned = name
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[._]+$/, '');
  if (!canonical || cleaned.length < 2) return undefined;
  return `${canonical}:${cleaned}`;
}

export function findHandles(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(HANDLE)) {
    if (!looksLikeAccount(match[2], match[3])) continue;
    const handle = normaliseHandle(match[1], match[3]);
    if (handle) out.add(handle);
  }
  return [...out];
}

/** A handle as given in a field ("telegram:@Lisa", "snap: lisa_x"); without a service it cannot be compared safely. */
export function parseHandleField(raw: string): string | undefined {
  return findHandles(raw.replace(/^\s*([a-z.]+)\s*:\s*/i, '$1: '))[0];
}
