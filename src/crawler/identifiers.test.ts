import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findEmails, findHandles, normaliseEmail, parseHandleField } from './identifiers.ts';

test('e-mails are lower-cased, Gmail dots and +tags removed, disguises undone', () => {
  assert.equal(normaliseEmail(' Lisa.X+ads@GMAIL.com '), 'lisax@gmail.com');
  assert.equal(normaliseEmail('Anna@Example.NL'), 'anna@example.nl');
  assert.equal(normaliseEmail('geen adres'), undefined);
  assert.deepEqual(findEmails('mail lisa [at] example [dot] nl of anna at hotmail dot com'), [
    'lisa@example.nl',
    'anna@hotmail.com',
  ]);
});

test('messenger handles become service:name', () => {
  assert.deepEqual(findHandles('Snap: Lisa_X, telegram @Anna.B en t.me/mira99'), [
    'snapchat:lisa_x',
    'telegram:anna.b',
    'telegram:mira99',
  ]);
  assert.equal(parseHandleField('telegram:@Lisa'), 'telegram:lisa');
  assert.deepEqual(findHandles('zonder dienst: @lisa'), []);
});

test('a service named in a sentence is not an account ("only Telegram please")', () => {
  assert.deepEqual(findHandles('Geen sms, alleen Telegram graag. No texts, only telegram please.'), []);
  assert.deepEqual(findHandles('telegram lisa_22 of snap @mira'), ['telegram:lisa_22', 'snapchat:mira']);
});
