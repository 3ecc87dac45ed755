import { z } from 'zod';
import { FORM_CODES } from '../domain/forms.ts';
import { isIndicatorCode } from '../domain/indicators.ts';
import { validateEmail, validatePhone } from '../domain/validate/contact.ts';
import { dutchDate, validatePastDate, validatePastInstant } from '../domain/validate/date.ts';
import { validateBsn, validateKvk, validatePostcode } from '../domain/validate/identifiers.ts';
import { validateCountry, validateMunicipality } from '../domain/validate/place.ts';
import { normalizeLicencePlate } from '../domain/validate/vehicle.ts';
import { normalizeUrl } from '../domain/validate/web.ts';
import { addValidationIssue, validated } from './errors.ts';
import { uniqueBy } from './unique.ts';
import { CHANNELS, GENDERS, HANDLE_PLATFORMS, type MinorStatus, PERSON_ROLES } from './vocabulary.ts';

/** Limits that keep one signal a reasonable size; a bulk file is many signals, each within these. */
export const SIGNAL_LIMITS = {
  shortText: 200,
  remark: 2_000,
  narrative: 20_000,
  persons: 50,
  companies: 50,
  identifiersPerList: 20,
  indicators: 100,
} as const;

export interface SchemaOptions {
  /** The clock that decides what "in the future" is; tests pass a fixed one. */
  now?: () => Date;
}

/** Trimmed text with inner whitespace collapsed (names are compared later, stray spaces must not count). */
function text(max: number = SIGNAL_LIMITS.shortText) {
  return z
    .string()
    .max(max)
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1));
}

function list<T extends z.ZodType>(item: T, max: number = SIGNAL_LIMITS.identifiersPerList) {
  return z.array(item).max(max).default([]);
}

const phone = z.string().max(40).transform(validated(validatePhone));
const email = z.string().max(254).transform(validated(validateEmail));
const country = z.string().max(3).transform(validated(validateCountry));
const postcode = z.string().max(10).transform(validated(validatePostcode));

const address = z.strictObject({
  street: text().optional(),
  houseNumber: text(20).optional(),
  postcode: postcode.optional(),
  city: text().optional(),
  country: country.default('NL'),
});

const location = z
  .strictObject({
    municipality: z.string().max(10).transform(validated(validateMunicipality)).optional(),
    street: text().optional(),
    houseNumber: text(20).optional(),
    postcode: postcode.optional(),
    city: text().optional(),
    country: country.default('NL'),
  })
  .superRefine((value, ctx) => {
    if (value.country !== 'NL' && (value.municipality || value.postcode)) {
      addValidationIssue(
        ctx,
        {
          code: 'location_abroad',
          message: {
            nl: 'Gemeente en postcode horen alleen bij een locatie in Nederland',
            en: 'Municipality and postcode only apply to a location in the Netherlands',
          },
        },
        [value.municipality ? 'municipality' : 'postcode'],
      );
    }
  });

/** A date that must not lie in the future (observed, born); the clock is read at parse time. */
function pastDate(now: () => Date) {
  return z
    .string()
    .max(20)
    .transform(validated((input, field) => validatePastDate(input, field, now())));
}

const person = (now: () => Date) =>
  z.strictObject({
    role: z.enum(PERSON_ROLES),
    givenNames: text().optional(),
    /** Dutch surname prefix (tussenvoegsel) such as "van der" or "de". */
    prefix: text(30).optional(),
    surname: text().optional(),
    alias: text().optional(),
    dateOfBirth: pastDate(now).optional(),
    birthYear: z
      .int()
      .min(1900)
      .superRefine((year, ctx) => {
        if (year > now().getUTCFullYear()) {
          addValidationIssue(ctx, {
            code: 'date_in_future',
            message: { nl: 'Geboortejaar ligt in de toekomst', en: 'Year of birth lies in the future' },
          });
        }
      })
      .optional(),
    gender: z.enum(GENDERS).optional(),
    nationality: country.optional(),
    phones: list(phone).superRefine(
      uniqueBy((v: string) => v, 'Dubbel telefoonnummer', 'Duplicate phone number'),
    ),
    emails: list(email).superRefine(
      uniqueBy((v: string) => v, 'Dubbel e-mailadres', 'Duplicate e-mail address'),
    ),
    /** Checked here; stored encrypted and shown masked by the store. */
    bsn: z.string().max(20).transform(validated(validateBsn)).optional(),
    remark: text(SIGNAL_LIMITS.remark).optional(),
  });

const company = z.strictObject({
  name: text(),
  kvk: z.string().max(20).transform(validated(validateKvk)).optional(),
  address: address.optional(),
  remark: text(SIGNAL_LIMITS.remark).optional(),
});

const vehicle = z
  .strictObject({
    plate: z.string().max(20),
    country: country.default('NL'),
    description: text().optional(),
  })
  .transform((value, ctx) => {
    const plate = normalizeLicencePlate(value.plate, 'plate', value.country);
    if (!plate.ok) {
      addValidationIssue(ctx, plate.error, ['plate']);
      return z.NEVER;
    }
    return {
      plate: plate.value.display,
      plateKey: plate.value.key,
      country: value.country,
      description: value.description,
    };
  });

const handle = z.strictObject({
  platform: z.enum(HANDLE_PLATFORMS),
  // Platforms treat handles case-insensitively and people write them with or without "@".
  handle: z
    .string()
    .max(100)
    .transform((value) => value.trim().replace(/^@/, '').toLowerCase())
    .pipe(z.string().min(1)),
});

const indicator = z.strictObject({
  code: z.string().superRefine((code, ctx) => {
    if (!isIndicatorCode(code)) {
      addValidationIssue(ctx, {
        code: 'indicator_unknown',
        message: { nl: `Onbekende indicatorcode "${code}"`, en: `Unknown indicator code "${code}"` },
      });
    }
  }),
  remark: text(SIGNAL_LIMITS.remark).optional(),
});

function signalShape(now: () => Date) {
  return z.strictObject({
    channel: z.enum(CHANNELS).default('api'),
    /** The reporter's own reference, e.g. a case number; also the grouping key in bulk files. */
    externalReference: text(100).optional(),
    /** When the reporter received it, if earlier than its arrival here (a hotline call, a batch file). */
    receivedAt: z
      .string()
      .max(40)
      .transform(validated((input, field) => validatePastInstant(input, field, now())))
      .optional(),
    observedAt: pastDate(now).optional(),
    forms: z
      .array(z.enum(FORM_CODES))
      .min(1)
      .max(FORM_CODES.length)
      .superRefine(uniqueBy((v: string) => v, 'Dubbele vorm', 'Duplicate form'))
      .superRefine((forms, ctx) => {
        if (forms.includes('unknown') && forms.length > 1) {
          addValidationIssue(ctx, {
            code: 'form_unknown_combined',
            message: {
              nl: '"unknown" kan niet samen met een andere vorm worden gekozen',
              en: '"unknown" cannot be combined with another form',
            },
          });
        }
      }),
    indicators: list(indicator, SIGNAL_LIMITS.indicators).superRefine(
      uniqueBy((v: { code: string }) => v.code, 'Indicator staat er al in', 'Indicator listed twice'),
    ),
    narrative: z.string().max(SIGNAL_LIMITS.narrative).default(''),
    location: location.optional(),
    persons: list(person(now), SIGNAL_LIMITS.persons),
    companies: list(company, SIGNAL_LIMITS.companies),
    vehicles: list(vehicle),
    urls: list(z.string().max(2_000).transform(validated(normalizeUrl))).superRefine(
      uniqueBy((v: { key: string }) => v.key, 'Dubbele URL', 'Duplicate URL'),
    ),
    handles: list(handle),
  });
}

/** Age in whole years on a date, both as `YYYY-MM-DD`. */
function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

export function minorStatus(person: { dateOfBirth?: string; birthYear?: number }, on: string): MinorStatus {
  if (person.dateOfBirth) return ageOn(person.dateOfBirth, on) < 18 ? 'minor' : 'adult';
  if (person.birthYear !== undefined) {
    const oldest = Number(on.slice(0, 4)) - person.birthYear;
    if (oldest < 18) return 'minor';
    return oldest - 1 < 18 ? 'possibly_minor' : 'adult';
  }
  return 'unknown';
}

/**
 * The schema of a signal as submitted (API, web form, bulk row). Strict: unknown fields are refused.
 * Its output is normalised (E.164 phones, `1234 AB` postcodes, plate keys, URL keys) and carries
 * derived facts: each person's minor status and whether the signal involves a minor.
 */
export function createSignalSchema(options: SchemaOptions = {}) {
  const now = options.now ?? (() => new Date());
  return signalShape(now).transform((signal, ctx) => {
    if (signal.narrative.trim() === '' && signal.indicators.length === 0) {
      addValidationIssue(
        ctx,
        {
          code: 'signal_empty',
          message: {
            nl: 'Beschrijf wat er is waargenomen of kies ten minste één indicator',
            en: 'Describe what was observed or choose at least one indicator',
          },
        },
        ['narrative'],
      );
    }
    // The age that matters is the age when the situation was observed.
    const referenceDate =
      signal.observedAt ?? dutchDate(signal.receivedAt ? new Date(signal.receivedAt) : now());
    const persons = signal.persons.map((person, index) => {
      const birthYearMismatch =
        person.dateOfBirth &&
        person.birthYear !== undefined &&
        Number(person.dateOfBirth.slice(0, 4)) !== person.birthYear;
      if (birthYearMismatch) {
        addValidationIssue(
          ctx,
          {
            code: 'birth_year_mismatch',
            message: {
              nl: 'Geboortejaar komt niet overeen met de geboortedatum',
              en: 'Year of birth does not match the date of birth',
            },
          },
          ['persons', index, 'birthYear'],
        );
      }
      return { ...person, minor: minorStatus(person, referenceDate) };
    });
    return {
      ...signal,
      narrative: signal.narrative.trim(),
      persons,
      involvesMinor: persons.some((person) => person.minor === 'minor' || person.minor === 'possibly_minor'),
    };
  });
}

export type SignalSchema = ReturnType<typeof createSignalSchema>;
/** What a client sends. */
export type SignalSubmission = z.input<SignalSchema>;
/** A validated, normalised signal, ready to be stored and scored. */
export type SignalInput = z.output<SignalSchema>;
export type PersonInput = SignalInput['persons'][number];

export const signalSchema = createSignalSchema();
