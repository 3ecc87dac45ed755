import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conflict, invalidInput, label, labelOf, langOf, Problem, splitLabel } from './problem.ts';

describe('the one error module', () => {
  test('a Problem carries status, code, field and its reason in both languages', () => {
    const problem = invalidInput(
      'endsOn',
      label('De einddatum ligt in het verleden', 'The end date lies in the past'),
    );
    assert.ok(problem instanceof Problem);
    assert.equal(problem.statusCode, 400);
    assert.equal(problem.code, 'invalid_input');
    assert.equal(problem.field, 'endsOn');
    assert.deepEqual(labelOf(problem), {
      nl: 'De einddatum ligt in het verleden',
      en: 'The end date lies in the past',
    });
    assert.equal(conflict(label('a', 'b'), 'action').statusCode, 409);
  });

  test('older errors are read the same way: "nl / en" messages, labels and nl/en fields', () => {
    assert.deepEqual(labelOf(new Error('Niet gevonden / Not found')), {
      nl: 'Niet gevonden',
      en: 'Not found',
    });
    assert.deepEqual(labelOf({ label: { nl: 'Leeg bestand', en: 'Empty file' } }), {
      nl: 'Leeg bestand',
      en: 'Empty file',
    });
    assert.deepEqual(labelOf({ nl: 'twee', en: 'two', message: 'twee / two' }), { nl: 'twee', en: 'two' });
    // One language only: both see it, nothing is cut.
    assert.deepEqual(splitLabel('a / b / c'), { nl: 'a / b / c', en: 'a / b / c' });
  });

  test('the language comes from Accept-Language: English only when asked for', () => {
    assert.equal(langOf('en-GB,en;q=0.9'), 'en');
    assert.equal(langOf('nl-NL'), 'nl');
    assert.equal(langOf(undefined), 'nl');
    assert.equal(langOf(['en']), 'en');
  });
});
