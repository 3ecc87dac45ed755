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
