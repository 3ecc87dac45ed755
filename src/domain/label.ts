/** A text shown to people, always in Dutch first and English second. */
export interface Label {
  nl: string;
  en: string;
}

export type Lang = keyof Label;
