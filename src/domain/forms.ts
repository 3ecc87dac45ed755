import type { Label } from './label.ts';

/**
 * Forms of exploitation under art. 273f Wetboek van Strafrecht. Forced begging and other services
 * fall under `labour` (forced labour or services); `unknown` is for signals where the form is not yet clear.
 */
export const FORM_CODES = ['sexual', 'labour', 'criminal', 'organ_removal', 'other', 'unknown'] as const;
export type FormCode = (typeof FORM_CODES)[number];

export interface ExploitationForm {
  code: FormCode;
  label: Label;
  /** The nouns used in triage reasons: "1 arbeidsuitbuitingsindicator", "3 arbeidsuitbuitingsindicatoren". */
  indicatorNoun: { one: Label; many: Label };
}

export const EXPLOITATION_FORMS: readonly ExploitationForm[] = [
  {
    code: 'sexual',
    label: { nl: 'Seksuele uitbuiting', en: 'Sexual exploitation' },
    indicatorNoun: {
      one: { nl: 'indicator seksuele uitbuiting', en: 'sexual exploitation indicator' },
      many: { nl: 'indicatoren seksuele uitbuiting', en: 'sexual exploitation indicators' },
    },
  },
  {
    code: 'labour',
    label: {
      nl: 'Arbeidsuitbuiting (incl. gedwongen bedelarij en diensten)',
      en: 'Labour exploitation (incl. forced begging and services)',
    },
    indicatorNoun: {
      one: { nl: 'arbeidsuitbuitingsindicator', en: 'labour exploitation indicator' },
      many: { nl: 'arbeidsuitbuitingsindicatoren', en: 'labour exploitation indicators' },
    },
  },
  {
    code: 'criminal',
    label: {
      nl: 'Criminele uitbuiting (gedwongen criminaliteit)',
      en: 'Criminal exploitation (forced criminality)',
    },
    indicatorNoun: {
      one: { nl: 'indicator criminele uitbuiting', en: 'criminal exploitation indicator' },
      many: { nl: 'indicatoren criminele uitbuiting', en: 'criminal exploitation indicators' },
    },
  },
  {
    code: 'organ_removal',
    label: { nl: 'Orgaanverwijdering', en: 'Organ removal' },
    indicatorNoun: {
      one: { nl: 'indicator orgaanverwijdering', en: 'organ removal indicator' },
      many: { nl: 'indicatoren orgaanverwijdering', en: 'organ removal indicators' },
    },
  },
  {
    code: 'other',
    label: {
      nl: 'Overige uitbuiting (slavernij, dienstbaarheid)',
      en: 'Other exploitation (slavery, servitude)',
    },
    indicatorNoun: {
      one: { nl: 'indicator overige uitbuiting', en: 'other exploitation indicator' },
      many: { nl: 'indicatoren overige uitbuiting', en: 'other exploitation indicators' },
    },
  },
  {
    code: 'unknown',
    label: { nl: 'Onbekend', en: 'Unknown' },
    indicatorNoun: {
      one: { nl: 'algemene indicator', en: 'general indicator' },
      many: { nl: 'algemene indicatoren', en: 'general indicators' },
    },
  },
];

const byCode = new Map(EXPLOITATION_FORMS.map((form) => [form.code, form]));

export function isFormCode(value: string): value is FormCode {
  return byCode.has(value as FormCode);
}

export function exploitationForm(code: FormCode): ExploitationForm {
  return byCode.get(code)!;
}
