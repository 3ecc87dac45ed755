import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths } from '../../domain/calendar.ts';
import { ERASED_MARK, scrubIndicatorRemarks, scrubText, traceValues } from './scrub.ts';

test('scrubText removes whole names, phones and e-mails, longest first, and leaves other words', () => {
  const values = traceValues({
    given_names: 'Jan Pieter',
    prefix: 'van der',
    surname: 'Berg',
    alias: null,
    phones: ['+31612345678'],
    emails: ['jan@example.nl'],
  });
  const text = 'Jan van der Berg (06-1234 5678, jan@example.nl) werkt bij Bergman; PIETER sliep daar.';
  const out = scrubText(text, values);
  assert.equal(
    out,
    // "Jan" alone (a part of the given names), then "van der Berg" (prefix and surname).
    `${ERASED_MARK} ${ERASED_MARK} (${ERASED_MARK}, ${ERASED_MARK}) werkt bij Bergman; ${ERASED_MARK} sliep daar.`,
  );
  assert.equal(scrubText('', values), '');
});

test('scrubIndicatorRemarks scrubs remarks, or drops them all for retention', () => {
  const indicators = [{ code: 'a', remark: 'Berg had geen paspoort' }, { code: 'b' }];
  assert.deepEqual(scrubIndicatorRemarks(indicators, ['Berg']), [
    { code: 'a', remark: `${ERASED_MARK} had geen paspoort` },
    { code: 'b' },
  ]);
  assert.deepEqual(scrubIndicatorRemarks(JSON.stringify(indicators), null), [{ code: 'a' }, { code: 'b' }]);
});

test('addMonths counts calendar months and clamps to the last day (art. 12(3) deadlines)', () => {
  assert.equal(addMonths('2026-01-15', 1), '2026-02-15');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addMonths('2026-12-20', 2), '2027-02-20');
  assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
});
