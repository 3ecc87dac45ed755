import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseStepRefusal, referralStepRefusal } from './lifecycle.ts';

test('a case goes open → on_hold ↔ open → closed, never back from closed', () => {
  assert.equal(caseStepRefusal('open', 'hold'), null);
  assert.equal(caseStepRefusal('on_hold', 'resume'), null);
  assert.equal(caseStepRefusal('on_hold', 'close'), null);
  assert.equal(caseStepRefusal('open', 'close'), null);
  assert.match(caseStepRefusal('closed', 'resume')?.en ?? '', /not possible from state Closed/);
  assert.ok(caseStepRefusal('open', 'resume'));
  assert.ok(caseStepRefusal('closed', 'close'));
});

test('a referral is answered once, completed only when accepted, revoked only while live', () => {
  assert.equal(referralStepRefusal('pending', 'accept'), null);
  assert.ok(referralStepRefusal('accepted', 'accept'));
  assert.ok(referralStepRefusal('revoked', 'accept'));
  assert.ok(referralStepRefusal('declined', 'complete'));
  assert.equal(referralStepRefusal('accepted', 'complete'), null);
  assert.equal(referralStepRefusal('accepted', 'revoke'), null);
  assert.ok(referralStepRefusal('completed', 'revoke'));
});
