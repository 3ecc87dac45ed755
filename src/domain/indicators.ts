import type { FormCode } from './forms.ts';
import type { Label } from './label.ts';

/**
 * The reference list of trafficking indicators: annex 3 of the Public Prosecution Service's
 * Aanwijzing mensenhandel (groups 1a–5), the 11 ILO indicators of forced labour, and the signs in
 * online sex-work advertisements the webcrawler scores (group `web`), so that a signal made from a
 * crawler cluster carries them as indicators that triage weighs, not only as text.
 * Codes are stable identifiers stored with signals and triage rule sets: never rename one,
 * add a new code and retire the old one instead.
 */
export type IndicatorSource = 'om' | 'ilo' | 'web';
export type IndicatorGroupCode = '1a' | '1b' | '2a' | '2b' | '2c' | '3' | '4' | '5' | 'ilo' | 'web';

export interface IndicatorGroup {
  code: IndicatorGroupCode;
  source: IndicatorSource;
  label: Label;
}

export interface Indicator {
  code: string;
  group: IndicatorGroupCode;
  label: Label;
  /** The forms of exploitation this indicator points to. */
  forms: readonly FormCode[];
}

export const INDICATOR_GROUPS: readonly IndicatorGroup[] = [
  { code: '1a', source: 'om', label: { nl: 'Meervoudige afhankelijkheid', en: 'Multiple dependency' } },
  { code: '1b', source: 'om', label: { nl: 'Schulden', en: 'Debts' } },
  {
    code: '2a',
    source: 'om',
    label: {
      nl: 'Geen contact met buitenwereld of bewegingsvrijheid',
      en: 'No outside contact or freedom of movement',
    },
  },
  {
    code: '2b',
    source: 'om',
    label: { nl: 'Geen beschikking over identiteitspapieren', en: 'No control over identity papers' },
  },
  {
    code: '2c',
    source: 'om',
    label: { nl: 'Geen beschikking over verdiensten', en: 'No control over earnings' },
  },
  {
    code: '3',
    source: 'om',
    label: { nl: 'Werk onder zeer slechte omstandigheden', en: 'Work under very poor conditions' },
  },
  {
    code: '4',
    source: 'om',
    label: { nl: 'Schending van lichamelijke integriteit', en: 'Violation of physical integrity' },
  },
  {
    code: '5',
    source: 'om',
    label: { nl: 'Patroon of georganiseerd verband', en: 'Pattern or organised setting' },
  },
  {
    code: 'ilo',
    source: 'ilo',
    label: { nl: 'ILO-indicatoren van dwangarbeid', en: 'ILO indicators of forced labour' },
  },
  {
    code: 'web',
    source: 'web',
    label: { nl: 'Online advertenties', en: 'Online advertisements' },
  },
];

// Indicators that point to any form of exploitation (art. 273f covers them all).
const ANY: readonly FormCode[] = ['sexual', 'labour', 'criminal', 'other'];

function om(
  group: IndicatorGroupCode,
  key: string,
  nl: string,
  en: string,
  forms: readonly FormCode[] = ANY,
): Indicator {
  return { code: `om.${group}.${key}`, group, label: { nl, en }, forms };
}

function ilo(key: string, nl: string, en: string): Indicator {
  return { code: `ilo.${key}`, group: 'ilo', label: { nl, en }, forms: ['labour'] };
}

/** The code is `web.` + the webcrawler's indicator id (src/crawler/indicators.ts), which maps onto it. */
function web(key: string, nl: string, en: string): Indicator {
  return { code: `web.${key}`, group: 'web', label: { nl, en }, forms: ['sexual'] };
}

export const INDICATORS: readonly Indicator[] = [
  om(
    '1a',
    'exploiter_arranges_housing',
    'Werkgever of uitbuiter regelt huisvesting, kleding en vervoer',
    'Employer or exploiter arranges housing, clothing and transport',
  ),
  om(
    '1a',
    'travel_visa_arranged',
    'Reis en visum door anderen geregeld',
    'Travel and visa arranged by others',
  ),
  om('1a', 'false_passport', 'Vals paspoort', 'False passport'),
  om('1a', 'illegal_stay', 'Illegaal verblijf', 'Illegal stay'),
  om('1a', 'fear', 'Angst', 'Fear'),
  om('1a', 'no_own_housing', 'Geen eigen woonruimte', 'No own housing'),
  om('1a', 'sleeps_at_workplace', 'Slaapt op de werkplek', 'Sleeps at the workplace'),
  om('1a', 'unknown_work_address', 'Kent het werkadres niet', 'Does not know the work address'),
  om('1a', 'social_isolation', 'Sociaal isolement', 'Social isolation'),
  om('1b', 'debts', 'Schulden opgebouwd', 'Debts built up'),
  om('1b', 'takeover_sum', 'Overnamesom betaald', 'A takeover sum paid'),
  om(
    '2a',
    'no_contact_or_movement',
    'Geen contact met de buitenwereld of geen bewegingsvrijheid',
    'No contact with the outside world or no freedom of movement',
  ),
  om('2a', 'medical_help_withheld', 'Medische hulp onthouden', 'Medical help withheld'),
  om(
    '2b',
    'no_control_identity_papers',
    'Geen beschikking over identiteitspapieren',
    'No control over identity papers',
  ),
  om('2c', 'no_control_earnings', 'Geen beschikking over verdiensten', 'No control over earnings'),
  om(
    '2c',
    'excessive_share_handed_over',
    'Onredelijk groot deel van verdiensten afgedragen',
    'An unreasonably high share handed over',
  ),
  om('3', 'low_pay', 'Lage betaling', 'Low pay', ['labour']),
  om('3', 'dangerous_work', 'Gevaarlijk werk', 'Dangerous work', ['labour']),
  om('3', 'very_long_days', 'Zeer lange werkdagen', 'Very long working days', ['labour', 'sexual']),
  om('3', 'threats_against_family', 'Bedreiging van familie', 'Threats against family'),
  om('3', 'smuggling_single_women', 'Smokkel van alleenstaande vrouwen', 'Smuggling of single women', [
    'sexual',
  ]),
  om('3', 'minimum_daily_earnings', 'Minimale dagopbrengst opgelegd', 'A minimum daily earnings target', [
    'sexual',
    'criminal',
  ]),
  om('3', 'servile_attitude', 'Onderdanige houding', 'Servile attitude'),
  om('3', 'cameras_or_bodyguards', 'Camera’s of bodyguards', 'Cameras or bodyguards', ['sexual']),
  om('3', 'known_source_country', 'Afkomstig uit bekend bronland', 'From a known source country'),
  om('4', 'organ_removal', 'Verwijdering van organen', 'Removal of organs', ['organ_removal']),
  om('4', 'involuntary_prostitution', 'Onvrijwillige prostitutie', 'Involuntary prostitution', ['sexual']),
  om('4', 'violence', 'Geweld of sporen van geweld', 'Violence or traces of violence'),
  om('4', 'tattoos_or_voodoo', 'Tatoeages of voodoo-materiaal', 'Tattoos or voodoo material', ['sexual']),
  om('4', 'forced_sexual_acts', 'Gedwongen seksuele handelingen', 'Forced sexual acts', ['sexual']),
  om('5', 'third_party_tips', 'Tips van derden', 'Tips from third parties'),
  om('5', 'alternating_locations', 'Werkt op wisselende locaties', 'Works at alternating locations'),
  ilo('abuse_of_vulnerability', 'Misbruik van kwetsbaarheid', 'Abuse of vulnerability'),
  ilo('deception', 'Misleiding', 'Deception'),
  ilo('restriction_of_movement', 'Beperking van bewegingsvrijheid', 'Restriction of movement'),
  ilo('isolation', 'Isolement', 'Isolation'),
  ilo('physical_sexual_violence', 'Fysiek en seksueel geweld', 'Physical and sexual violence'),
  ilo('intimidation_threats', 'Intimidatie en bedreiging', 'Intimidation and threats'),
  ilo('retention_of_documents', 'Inhouden van identiteitsdocumenten', 'Retention of identity documents'),
  ilo('withholding_of_wages', 'Inhouden van loon', 'Withholding of wages'),
  ilo('debt_bondage', 'Schuldslavernij', 'Debt bondage'),
  ilo(
    'abusive_conditions',
    'Misbruikende werk- en leefomstandigheden',
    'Abusive working and living conditions',
  ),
  ilo('excessive_overtime', 'Buitensporig overwerk', 'Excessive overtime'),
  // Only the scored crawler indicators: ethnicity, origin and language are information only there and
  // never become an indicator of a signal.
  web('third_party', 'Advertentie door een derde geschreven', 'Ad written by a third party'),
  web('youth_cues', 'Aanwijzingen voor (zeer) jonge leeftijd', 'Cues of (very) young age'),
  web(
    'phone_several_persons',
    'Eén telefoonnummer voor meerdere personen',
    'One phone number for several persons',
  ),
  web('availability_24_7', 'Opvallende beschikbaarheid (24/7)', 'Striking availability (24/7)'),
  web('risky_services', 'Risicovolle of onbeschermde diensten', 'Risky or unprotected services'),
  web('price_far_below_norm', 'Prijs ver onder het lokale niveau', 'Price far below the local norm'),
  web(
    'many_cities_short_time',
    'Zelfde nummer in veel steden in korte tijd',
    'Same number in many cities in a short time',
  ),
  web('many_ads_per_phone', 'Veel advertenties per telefoonnummer', 'Many ads per phone number'),
];

/** How a group is named in lists: "OM 1a – Schulden", "ILO – …", or only its label for the web group. */
export function indicatorGroupTitle(group: IndicatorGroup, lang: 'nl' | 'en'): string {
  const prefix = group.source === 'om' ? `OM ${group.code} – ` : group.source === 'ilo' ? 'ILO – ' : '';
  return `${prefix}${group.label[lang]}`;
}

const byCode = new Map(INDICATORS.map((indicator) => [indicator.code, indicator]));

export function findIndicator(code: string): Indicator | undefined {
  return byCode.get(code);
}

export function isIndicatorCode(code: string): boolean {
  return byCode.has(code);
}

/**
 * The form an indicator counts towards in triage reasons: its single form when it points to one,
 * otherwise `unknown` (shown as "general indicators").
 */
export function indicatorReasonForm(indicator: Indicator): FormCode {
  return indicator.forms.length === 1 ? indicator.forms[0] : 'unknown';
}
