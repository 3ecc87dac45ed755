/** Companies: by KvK number, else by name without legal form plus address. */
import { foldText } from './normalize.ts';
import { jaroWinkler } from './similarity.ts';

export interface CompanyInput {
  name?: string;
  /** KvK number: 8 digits. */
  kvk?: string;
  address?: { postcode?: string; houseNumber?: string; city?: string };
}

/** Legal forms, written out or abbreviated; removed from names before comparison. */
const LEGAL_FORMS = [
  'besloten vennootschap met beperkte aansprakelijkheid',
  'besloten vennootschap',
  'naamloze vennootschap',
  'vennootschap onder firma',
  'commanditaire vennootschap',
  'cooperatie u a',
  'cooperatie',
  'cooperatieve vereniging',
  'stichting',
  'vereniging',
  'eenmanszaak',
  'maatschap',
  'holding',
  'b v',
  'bv',
  'n v',
  'nv',
  'v o f',
  'vof',
  'c v',
  'cv',
  'u a',
  'ua',
  'ltd',
  'limited',
  'gmbh',
  'sp z o o',
  'srl',
  'sa',
  'inc',
];

/** Folded name without legal forms: "Schoonmaakbedrijf De Vries B.V." → "schoonmaakbedrijf de vries". */
export function normaliseCompanyName(name: string): string {
  let v = ` ${foldText(name)} `;
  for (const form of LEGAL_FORMS) v = v.replaceAll(` ${form} `, ' ');
  return v.replace(/\s+/g, ' ').trim();
}

export function normaliseKvk(value: string | undefined): string | undefined {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length === 8 ? digits : undefined;
}

export interface CompanyMatch {
  score: number;
  matched: boolean;
  reasons: string[];
}

export function compareCompanies(a: CompanyInput, b: CompanyInput): CompanyMatch {
  const ka = normaliseKvk(a.kvk);
  const kb = normaliseKvk(b.kvk);
  if (ka && kb) {
    return ka === kb
      ? { score: 1, matched: true, reasons: ['kvk: equal'] }
      : { score: 0, matched: false, reasons: ['kvk: different'] };
  }
  const na = normaliseCompanyName(a.name ?? '');
  const nb = normaliseCompanyName(b.name ?? '');
  if (!na || !nb) return { score: 0, matched: false, reasons: ['name: missing'] };
  const nameSim = na === nb ? 1 : jaroWinkler(na, nb);
  const reasons = [`name: ${nameSim === 1 ? 'equal' : `similarity ${nameSim.toFixed(2)}`}`];
  const pa = (a.address?.postcode ?? '').replace(/\s/g, '').toUpperCase();
  const pb = (b.address?.postcode ?? '').replace(/\s/g, '').toUpperCase();
  const ha = foldText(a.address?.houseNumber ?? '');
  const hb = foldText(b.address?.houseNumber ?? '');
  const sameAddress = pa !== '' && pa === pb && ha === hb;
  const sameCity =
    foldText(a.address?.city ?? '') !== '' &&
    foldText(a.address?.city ?? '') === foldText(b.address?.city ?? '');
  if (sameAddress) reasons.push('address: same postcode and house number');
  else if (sameCity) reasons.push('address: same city');
  const score = nameSim * (sameAddress ? 1 : sameCity ? 0.9 : 0.75);
  return { score, matched: (nameSim >= 0.93 && sameAddress) || (nameSim === 1 && sameCity), reasons };
}

/**
 * "Handelend onder de naam" and its abbreviations (folded): what follows names a trade name of the same company.
 * "De Vries Bouw BV (h.o.d.n. Bouwbedrijf De Vries)" → "De Vries Bouw BV" and "Bouwbedrijf De Vries".
 */
const TRADING_AS =
  /\s(?:h o d n|hodn|h odn|t h o d n|thodn|handelend onder de naam|handelende onder de naam|handelend onder de namen|ook handelend als|trading as)\s/;

/**
 * A company name split at every "h.o.d.n." (and the like) into its names, each without legal forms:
 * the first is the statutory name, the rest trade names. Names separated by "|" are split too.
 */
export function companyNames(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split('|')) {
    let rest = ` ${foldText(part)} `;
    for (;;) {
      const m = TRADING_AS.exec(rest);
      if (!m) break;
      out.push(rest.slice(0, m.index));
      rest = ` ${rest.slice(m.index + m[0].length)} `;
    }
    out.push(rest);
  }
  return out.map((n) => normaliseCompanyName(n)).filter((n) => n !== '');
}

/** The words of a normalised company name (legal forms removed), for order-free comparison. */
export function companyTokens(name: string): string[] {
  return normaliseCompanyName(name)
    .split(' ')
    .filter((t) => t !== '');
}

/** Postcode as "1234AB", or undefined when it is not a Dutch postcode. */
export function normalisePostcode(value: string | undefined): string | undefined {
  const v = (value ?? '').replace(/\s/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(v) ? v : undefined;
}

/** House number with its addition folded: "12 A", "12-a", "12a" → "12a". */
export function normaliseHouseNumber(value: string | undefined): string {
  return foldText(value ?? '').replace(/\s/g, '');
}

/** Blocking keys for companies, in the same key space as persons' (typed prefixes). */
export function companyBlockingKeys(c: CompanyInput): string[] {
  const keys: string[] = [];
  const kvk = normaliseKvk(c.kvk);
  if (kvk) keys.push(`kvk:${kvk}`);
  const name = normaliseCompanyName(c.name ?? '');
  if (name)
    keys.push(
      `cn:${name.split(' ')[0]}:${(c.address?.postcode ?? '').replace(/\s/g, '').slice(0, 4).toUpperCase()}`,
    );
  return keys;
}
