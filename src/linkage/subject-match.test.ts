import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchSubject, type SubjectPerson } from './subject-match.ts';

const searched: SubjectPerson = {
  givenNames: 'Elena',
  prefix: null,
  surname: 'Petrowa',
  dateOfBirth: '2008-03-14',
};
const held = (extra: Partial<SubjectPerson>): SubjectPerson => ({
  givenNames: 'Elena',
  prefix: null,
  surname: 'Petrova',
  dateOfBirth: null,
  birthYear: null,
  ...extra,
});

test('a held year of birth agrees with a full date in that year, as partial; one letter off still matches', () => {
  // Issue 19: this pair was not found, and the page said the organisation held nothing.
  const match = matchSubject(searched, held({ birthYear: 2008 }));
  assert.equal(match?.certainty, 'match');
  assert.ok(match.reasons.some((r) => r.comparison === 'date_of_birth' && r.level === 'year_of_birth'));
  assert.equal(matchSubject(searched, held({ dateOfBirth: '2008-03-14' }))?.certainty, 'match');
});

test('not certain is a possible match, shown for the officer to judge', () => {
  const noDate = matchSubject(searched, held({}));
  assert.equal(noDate?.certainty, 'possible');
  assert.ok(noDate.score >= 0.2 && noDate.score < 0.9);
  const noGivenName = matchSubject(searched, held({ givenNames: null, birthYear: 2008 }));
  assert.equal(noGivenName?.certainty, 'possible');
});

test('other persons are no match at all', () => {
  assert.equal(matchSubject(searched, held({ givenNames: 'Maria', birthYear: 2008 })), null);
  assert.equal(matchSubject(searched, held({ surname: 'Jansen', birthYear: 2008 })), null);
  assert.equal(matchSubject(searched, held({ dateOfBirth: '1990-01-02' })), null);
  // A year-only date in another year is evidence against, as for full dates.
  assert.equal(matchSubject(searched, held({ birthYear: 1990 })), null);
});
