import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValidationError } from '../domain/validate/result.ts';
import { toFieldErrors } from './errors.ts';
import { exampleSubmission } from './fixtures.ts';
import { parseSignal } from './parse.ts';
import { createSignalSchema, minorStatus, type SignalInput } from './schema.ts';

const schema = createSignalSchema({ now: () => new Date('2024-06-15T10:00:00Z') });

function ok(input: unknown): SignalInput {
  const result = parseSignal(input, schema);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.signal;
}

function errors(input: unknown): ValidationError[] {
  const result = parseSignal(input, schema);
  assert.ok(!result.ok, 'expected the signal to be refused');
  for (const error of result.errors) assert.ok(error.message.nl && error.message.en, JSON.stringify(error));
  return result.errors;
}

function fields(list: ValidationError[]): string[] {
  return list.map((error) => `${error.field}:${error.code}`).sort();
}

describe('signal schema', () => {
  it('normalises a complete submission', () => {
    const signal = ok(exampleSubmission());
    assert.equal(signal.receivedAt, '2024-06-14T07:30:00.000Z');
    assert.equal(signal.location?.postcode, '1011 AB');
    assert.equal(signal.location?.country, 'NL');
    const [victim, suspect] = signal.persons;
    assert.equal(victim.phones[0], '+31612345678');
    assert.equal(victim.nationality, 'RO');
    assert.equal(suspect.phones[0], '+31687654321');
    assert.equal(suspect.emails[0], 'j.vdberg@example.nl');
    assert.equal(suspect.dateOfBirth, '1990-02-03');
    assert.equal(suspect.bsn, '123456782');
    assert.deepEqual(signal.vehicles[0], {
      plate: '12-ABC-3',
      plateKey: '12ABC3',
      country: 'NL',
      description: undefined,
    });
    assert.equal(signal.urls[0].key, 'example.nl/vacature');
    assert.equal(signal.handles[0].handle, 'snelwerk');
    assert.equal(signal.companies[0].kvk, '69241234');
  });

  it('applies defaults for a minimal submission', () => {
    const signal = ok({ forms: ['unknown'], narrative: '  Verdachte situatie bij een nagelstudio.  ' });
    assert.equal(signal.channel, 'api');
    assert.equal(signal.narrative, 'Verdachte situatie bij een nagelstudio.');
    assert.deepEqual(signal.persons, []);
    assert.equal(signal.involvesMinor, false);
  });

  it('flags minors from the date of birth at the observation date', () => {
    const signal = ok(exampleSubmission());
    assert.equal(signal.persons[0].minor, 'minor'); // 16 on 2024-06-12
    assert.equal(signal.persons[1].minor, 'adult');
    assert.equal(signal.involvesMinor, true);
    const turned18Before = exampleSubmission();
    turned18Before.observedAt = '2025-09-01';
    assert.equal(errors(turned18Before)[0].code, 'date_in_future');
    const adultAtObservation = exampleSubmission();
    adultAtObservation.persons![0].dateOfBirth = '2006-06-12';
    assert.equal(ok(adultAtObservation).persons[0].minor, 'adult');
    assert.equal(ok(adultAtObservation).involvesMinor, false);
  });

  it('derives minor status from a birth year, with a possibly-minor band', () => {
    assert.equal(minorStatus({ birthYear: 2007 }, '2024-06-12'), 'minor');
    assert.equal(minorStatus({ birthYear: 2006 }, '2024-06-12'), 'possibly_minor');
    assert.equal(minorStatus({ birthYear: 2005 }, '2024-06-12'), 'adult');
    assert.equal(minorStatus({}, '2024-06-12'), 'unknown');
    assert.equal(minorStatus({ dateOfBirth: '2006-06-13' }, '2024-06-12'), 'minor');
    assert.equal(minorStatus({ dateOfBirth: '2006-06-12' }, '2024-06-12'), 'adult');
  });

  it('refuses unknown fields at every level', () => {
    const input = { ...exampleSubmission(), severity: 'high' } as Record<string, unknown>;
    (input.persons as Record<string, unknown>[])[0].shoeSize = 44;
    assert.deepEqual(fields(errors(input)), ['persons.0.shoeSize:unknown_field', 'severity:unknown_field']);
  });

  it('reports every bad field at once, each with its path', () => {
    const input = exampleSubmission();
    input.indicators!.push({ code: 'om.9.invented' });
    input.persons![1].bsn = '123456789';
    input.persons![0].phones = ['06-1234'];
    input.persons![0].dateOfBirth = '2030-01-01';
    input.companies![0].kvk = '1234';
    input.location!.postcode = '1234 SS';
    input.observedAt = '2024-07-01';
    input.forms = ['labour', 'trafficking'] as never;
    assert.deepEqual(fields(errors(input)), [
      'companies.0.kvk:kvk_format',
      'forms.1:invalid_value',
      'indicators.4.code:indicator_unknown',
      'location.postcode:postcode_letters',
      'observedAt:date_in_future',
      'persons.0.dateOfBirth:date_in_future',
      'persons.0.phones.0:phone_invalid',
      'persons.1.bsn:bsn_checksum',
    ]);
  });

  it('refuses missing forms, empty signals and "unknown" mixed with a form', () => {
    assert.deepEqual(fields(errors({ narrative: 'x' })), ['forms:required']);
    assert.deepEqual(fields(errors({ forms: [], narrative: 'x' })), ['forms:too_few']);
    assert.deepEqual(fields(errors({ forms: ['labour'] })), ['narrative:signal_empty']);
    assert.deepEqual(fields(errors({ forms: ['labour', 'unknown'], narrative: 'x' })), [
      'forms:form_unknown_combined',
    ]);
  });

  it('refuses duplicates within lists', () => {
    const input = exampleSubmission();
    input.persons![0].phones = ['06-12345678', '+31612345678'];
    input.indicators!.push({ code: 'ilo.deception' }, { code: 'ilo.deception' });
    assert.deepEqual(fields(errors(input)), ['indicators.5:duplicate', 'persons.0.phones.1:duplicate']);
  });

  it('refuses municipality and postcode for a location abroad, and a birth year that contradicts the date', () => {
    assert.deepEqual(
      fields(
        errors({ forms: ['sexual'], narrative: 'x', location: { country: 'BE', municipality: 'GM0363' } }),
      ),
      ['location.municipality:location_abroad'],
    );
    const input = exampleSubmission();
    input.persons![1].birthYear = 1991;
    assert.deepEqual(fields(errors(input)), ['persons.1.birthYear:birth_year_mismatch']);
  });

  it('refuses wrong types, bad enums and oversize text with readable codes', () => {
    const input = {
      forms: ['sexual'],
      narrative: 'x'.repeat(20_001),
      channel: 'pigeon',
      persons: [{ role: 'victim', birthYear: '1990' }],
    };
    assert.deepEqual(fields(errors(input)), [
      'channel:invalid_value',
      'narrative:too_long',
      'persons.0.birthYear:invalid_type',
      'persons.0.role:invalid_value',
    ]);
  });

  it('gives {code, message, field} lists in Dutch or English', () => {
    const input = { forms: ['labour'], narrative: 'x', extra: 1 };
    const result = createSignalSchema().safeParse(input);
    assert.ok(!result.success);
    assert.deepEqual(toFieldErrors(result.error, input), [
      { code: 'unknown_field', field: 'extra', message: 'Onbekend veld' },
    ]);
    assert.deepEqual(toFieldErrors(result.error, input, 'en'), [
      { code: 'unknown_field', field: 'extra', message: 'Unknown field' },
    ]);
  });

  it('does not put the BSN or phone number in error messages', () => {
    const input = exampleSubmission();
    input.persons![1].bsn = '123456789';
    input.persons![1].phones = ['06-1234'];
    const text = JSON.stringify(errors(input));
    assert.ok(!text.includes('123456789') && !text.includes('06-1234'));
  });
});
