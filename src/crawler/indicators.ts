import { templateOf } from './template.ts';

/**
 * Risk indicators for ads. Each is versioned (a change in its rule makes a new version, so an old
 * assessment stays explainable), weighted, and reports the text that triggered it. Indicators that
 * are legally sensitive or that research did not find predictive are reported as information only:
 * never part of the score, and the reason is given with them.
 */
export interface IndicatorDef {
  id: string;
  version: number;
  /** 0 for information-only indicators. */
  weight: number;
  scored: boolean;
  label: { nl: string; en: string };
  /** Why an information-only indicator does not count. */
  notScoredBecause?: { nl: string; en: string };
}

export interface IndicatorHit {
  id: string;
  version: number;
  weight: number;
  scored: boolean;
  label: { nl: string; en: string };
  /** The text (or the fact) that triggered it. */
  evidence: string;
  notScoredBecause?: { nl: string; en: string };
}

export interface Assessment {
  score: number;
  /** Scored indicators, heaviest first. */
  indicators: IndicatorHit[];
  /** Information-only indicators, with why they do not count. */
  information: IndicatorHit[];
}

export interface AdForIndicators {
  id: string;
  text: string;
  title?: string;
  city?: string;
  postedAt?: string;
  phones: readonly string[];
  price?: number;
  statedAge?: number;
}

const def = (
  id: string,
  version: number,
  weight: number,
  nl: string,
  en: string,
  notScoredBecause?: { nl: string; en: string },
): IndicatorDef => ({
  id,
  version,
  weight: notScoredBecause ? 0 : weight,
  scored: !notScoredBecause,
  label: { nl, en },
  notScoredBecause,
});

export const INDICATORS = {
  thirdParty: def(
    'third_party',
    1,
    3,
    'Aanwijzing voor een derde (tekst in derde persoon)',
    'Sign of a third party (third-person text)',
  ),
  sharedPhone: def(
    'phone_several_persons',
    1,
    3,
    'Eén telefoonnummer voor meerdere personen',
    'One phone number for several persons',
  ),
  youth: def('youth_cues', 1, 3, 'Aanwijzingen voor (zeer) jonge leeftijd', 'Cues of (very) young age'),
  availability: def(
    'availability_24_7',
    1,
    1,
    'Opvallende beschikbaarheid (24/7)',
    'Striking availability (24/7)',
  ),
  riskyServices: def(
    'risky_services',
    1,
    2,
    'Risicovolle of onbeschermde diensten',
    'Risky or unprotected services',
  ),
  lowPrice: def(
    'price_far_below_norm',
    1,
    2,
    'Prijs ver onder het lokale niveau',
    'Price far below the local norm',
  ),
  manyCities: def(
    'many_cities_short_time',
    1,
    2,
    'Zelfde nummer in veel steden in korte tijd',
    'Same number in many cities in a short time',
  ),
  manyAds: def(
    'many_ads_per_phone',
    1,
    1,
    'Veel advertenties per telefoonnummer',
    'Many ads per phone number',
  ),
  origin: def(
    'ethnicity_or_origin',
    1,
    0,
    'Vermelding van etniciteit of herkomst',
    'Mention of ethnicity or origin',
    {
      nl: 'Alleen ter informatie: etniciteit en herkomst zijn wettelijk gevoelig (art. 1 Grondwet, art. 9 AVG) en bleken in onderzoek niet voorspellend; ze tellen nooit mee in de score.',
      en: 'Information only: ethnicity and origin are legally sensitive (Dutch Constitution art. 1, GDPR art. 9) and research found them not predictive; they never count in the score.',
    },
  ),
  language: def('language_spoken', 1, 0, 'Gesproken talen', 'Languages spoken', {
    nl: 'Alleen ter informatie: de gesproken taal bleek in onderzoek niet voorspellend en hangt samen met herkomst; telt niet mee.',
    en: 'Information only: the language spoken was not found predictive and is a proxy for origin; it does not count.',
  }),
} as const;

const TEXT_RULES: [IndicatorDef, RegExp][] = [
  [
    INDICATORS.thirdParty,
    /\b(?:(?:zij|ze) is|she is|bel haar|call her|onze (?:dames|meisjes)|our (?:ladies|girls)|via ons nummer|via our number|vraag naar|ask for|nieuwe meisjes|new girls)\b/i,
  ],
  [
    INDICATORS.youth,
    /\b(?:jong(?:e)? (?:en )?(?:onervaren|meisje)|young and inexperienced|young girl|onervaren|inexperienced|net 18|just 18|barely legal|schoolmeisje|schoolgirl|tiener|teen)\b/i,
  ],
  [
    INDICATORS.availability,
    /(?:24\/7|24 uur per dag|dag en nacht|day and night|altijd beschikbaar|always available|ook [’']s nachts)/i,
  ],
  [
    INDICATORS.riskyServices,
    /\b(?:zonder (?:bescherming|condoom)|without (?:protection|condom)|onbeschermd|unprotected|alles mogelijk|everything possible|no limits|geen grenzen|geen taboes)\b/i,
  ],
  [
    INDICATORS.origin,
    /\b(?:roemeens[e]?|bulgaars[e]?|hongaars[e]?|oost-europe(?:se|es)|aziatisch[e]?|thaise?|latina|afrikaans[e]?|braziliaans[e]?|romanian|bulgarian|hungarian|eastern european|asian|african|brazilian|exotic|exotisch[e]?)\b/i,
  ],
  [
    INDICATORS.language,
    /\b(?:ik spreek|i speak|spreekt? (?:alleen )?(?:engels|nederlands|duits|spaans)|speaks? (?:only )?(?:english|dutch|german|spanish))\b[^.!?]*/i,
  ],
];

/** Facts about the whole collection that some indicators compare an ad against. */
export interface IndicatorContext {
  adsPerPhone: Map<string, number>;
  personsPerPhone: Map<string, Set<string>>;
  sightingsPerPhone: Map<string, { city: string; at: number }[]>;
  medianPrice: Map<string, number>;
  nationalMedianPrice?: number;
}

export interface ContextOptions {
  minAdsPerPhone: number;
  minCities: number;
  cityWindowDays: number;
  lowPriceRatio: number;
  /** Below this many priced ads in a city, the national median is the norm. */
  minAdsForCityNorm: number;
}

export const DEFAULT_CONTEXT_OPTIONS: ContextOptions = {
  minAdsPerPhone: 5,
  minCities: 3,
  cityWindowDays: 14,
  lowPriceRatio: 0.6,
  minAdsForCityNorm: 5,
};

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function personOf(ad: AdForIndicators): string {
  const slots = templateOf(`${ad.title ?? ''}. ${ad.text}`).slots;
  return `${slots.name ?? '?'}|${ad.statedAge ?? slots.age ?? '?'}`;
}

export function buildContext(
  ads: readonly AdForIndicators[],
  options = DEFAULT_CONTEXT_OPTIONS,
): IndicatorContext {
  const adsPerPhone = new Map<string, number>();
  const personsPerPhone = new Map<string, Set<string>>();
  const sightingsPerPhone = new Map<string, { city: string; at: number }[]>();
  const prices = new Map<string, number[]>();
  const all: number[] = [];
  for (const ad of ads) {
    const person = personOf(ad);
    for (const phone of new Set(ad.phones)) {
      adsPerPhone.set(phone, (adsPerPhone.get(phone) ?? 0) + 1);
      const persons = personsPerPhone.get(phone) ?? new Set<string>();
      persons.add(person);
      personsPerPhone.set(phone, persons);
      if (ad.city && ad.postedAt) {
        const list = sightingsPerPhone.get(phone) ?? [];
        list.push({ city: ad.city, at: Date.parse(ad.postedAt) });
        sightingsPerPhone.set(phone, list);
      }
    }
    if (ad.price !== undefined && ad.city) {
      const list = prices.get(ad.city) ?? [];
      list.push(ad.price);
      prices.set(ad.city, list);
      all.push(ad.price);
    }
  }
  const medianPrice = new Map<string, number>();
  for (const [city, list] of prices)
    if (list.length >= options.minAdsForCityNorm) medianPrice.set(city, median(list)!);
  return { adsPerPhone, personsPerPhone, sightingsPerPhone, medianPrice, nationalMedianPrice: median(all) };
}

/** A short piece of text around a match, for the investigator to see why. */
export function snippet(text: string, index: number, length: number, around = 40): string {
  const start = Math.max(0, index - around);
  const end = Math.min(text.length, index + length + around);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

function hit(indicator: IndicatorDef, evidence: string): IndicatorHit {
  return { ...indicator, evidence };
}

/** Cities one phone was seen in within the window ending at each sighting; the largest such set. */
function citiesInWindow(sightings: { city: string; at: number }[], windowMs: number): string[] {
  const sorted = [...sightings].sort((a, b) => a.at - b.at);
  let best: string[] = [];
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end].at - sorted[start].at > windowMs) start++;
    const cities = [...new Set(sorted.slice(start, end + 1).map((s) => s.city))];
    if (cities.length > best.length) best = cities;
  }
  return best;
}

export function assessAd(
  ad: AdForIndicators,
  context: IndicatorContext,
  options = DEFAULT_CONTEXT_OPTIONS,
): Assessment {
  const hits: IndicatorHit[] = [];
  const text = ad.title ? `${ad.title}. ${ad.text}` : ad.text;
  for (const [indicator, pattern] of TEXT_RULES) {
    const match = pattern.exec(text);
    if (match) hits.push(hit(indicator, snippet(text, match.index, match[0].length)));
  }
  if (ad.statedAge !== undefined && ad.statedAge <= 19 && !hits.some((h) => h.id === INDICATORS.youth.id)) {
    hits.push(hit(INDICATORS.youth, `stated age ${ad.statedAge}`));
  }
  for (const phone of new Set(ad.phones)) {
    const persons = context.personsPerPhone.get(phone)?.size ?? 0;
    if (persons >= 2 && !hits.some((h) => h.id === INDICATORS.sharedPhone.id)) {
      hits.push(hit(INDICATORS.sharedPhone, `${phone} in ads of ${persons} different persons`));
    }
    const count = context.adsPerPhone.get(phone) ?? 0;
    if (count >= options.minAdsPerPhone && !hits.some((h) => h.id === INDICATORS.manyAds.id)) {
      hits.push(hit(INDICATORS.manyAds, `${phone} in ${count} ads`));
    }
    const cities = citiesInWindow(
      context.sightingsPerPhone.get(phone) ?? [],
      options.cityWindowDays * 86_400_000,
    );
    if (cities.length >= options.minCities && !hits.some((h) => h.id === INDICATORS.manyCities.id)) {
      hits.push(
        hit(
          INDICATORS.manyCities,
          `${phone} in ${cities.length} cities within ${options.cityWindowDays} days: ${cities.join(', ')}`,
        ),
      );
    }
  }
  if (ad.price !== undefined) {
    const norm = (ad.city && context.medianPrice.get(ad.city)) || context.nationalMedianPrice;
    if (norm !== undefined && ad.price < options.lowPriceRatio * norm) {
      const where = ad.city && context.medianPrice.has(ad.city) ? ad.city : 'NL';
      hits.push(hit(INDICATORS.lowPrice, `€ ${ad.price} against a median of € ${norm} in ${where}`));
    }
  }
  const indicators = hits.filter((h) => h.scored).sort((a, b) => b.weight - a.weight);
  return {
    score: indicators.reduce((sum, h) => sum + h.weight, 0),
    indicators,
    information: hits.filter((h) => !h.scored),
  };
}
