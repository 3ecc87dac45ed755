import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { allowedPurposes } from '../../src/access/policy.ts';
import { DEMO_USERS } from '../../src/store/demo.ts';
import { CARE, orgIds, POLICE, policeCase, referAndAccept } from '../helpers/cases.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { actorOf, databaseLabel } from '../helpers/store.ts';

/**
 * The refusal matrix of cases: every demo user of every organisation, under every purpose its roles allow and
 * one they do not, reads, changes, moves and refers a police case shared with the care coordinator under the
 * care profile. Only the lead reads everything and changes it; the care coordinator under care_coordination
 * reads the possible victim only; everyone else gets a refusal that carries no name.
 */
describe(`cases isolation through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let caseId = '';
  let referralId = '';
  let careOrg = '';
  const SECRETS = [
    'VictimIso',
    'SuspectIso',
    'WitnessIso',
    'Uitzendbureau Iso',
    'Woonstraat Iso',
    'Wervingsplaats Iso',
  ];
  const VICTIM_ONLY = [
    'SuspectIso',
    'WitnessIso',
    'Uitzendbureau Iso',
    'Woonstraat Iso',
    'Wervingsplaats Iso',
  ];

  before(async () => {
    server = await startTestServer();
    const orgs = await orgIds(server);
    careOrg = orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!;
    const made = await policeCase(server, 'Iso');
    caseId = made.id;
    referralId = await referAndAccept(
      made.police,
      caseId,
      careOrg,
      'care',
      'care_coordination',
      await loginAs(server, CARE, 'care_coordination'),
    );
  });
  after(() => server.close());

  test('anonymous, no purpose, a purpose the role lacks, and forged ids', async () => {
    const anonymous = new ApiClient(server.url);
    assert.equal((await anonymous.get(`/api/v1/cases/${caseId}`)).status, 401);
    assert.equal((await anonymous.get('/api/v1/cases')).status, 401);
    const noPurpose = await loginAs(server, POLICE);
    const refused = await noPurpose.get<{ error: { code: string } }>(`/api/v1/cases/${caseId}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'purpose_required');
    const police = await loginAs(server, POLICE, 'criminal_investigation');
    assert.equal((await police.get(`/api/v1/cases/${randomUUID()}`)).status, 404);
    assert.equal(
      (await police.post(`/api/v1/case-referrals/${randomUUID()}/transitions`, { action: 'revoke' })).status,
      404,
    );
    assert.equal((await police.get('/api/v1/cases/not-a-uuid')).status, 400);
    const wrong = await loginAs(server, POLICE, 'care_coordination');
    assert.equal((await wrong.get(`/api/v1/cases/${caseId}`)).status, 403);
  });

  test('every demo user × purpose: reads, writes, steps and referrals', async () => {
    let combinations = 0;
    for (const user of DEMO_USERS) {
      const actor = await actorOf(server.store, user.email);
      const purposes = [...allowedPurposes(actor), 'statistics', 'case_consultation'].filter(
        (p, i, a) => a.indexOf(p) === i,
      );
      for (const purpose of purposes) {
        const client = await loginAs(server, user.email, purpose);
        const label = `${user.email} ${purpose}`;
        const lead =
          user.email === POLICE && ['criminal_investigation', 'case_consultation'].includes(purpose);
        const careReader =
          actor.orgId === careOrg &&
          purpose === 'care_coordination' &&
          allowedPurposes(actor).includes('care_coordination');

        const read = await client.get<Record<string, unknown>>(`/api/v1/cases/${caseId}`);
        const text = JSON.stringify(read.body);
        if (lead) {
          assert.equal(read.status, 200, label);
        } else if (careReader) {
          assert.equal(read.status, 200, label);
          assert.ok(text.includes('VictimIso'), label);
          for (const secret of VICTIM_ONLY) assert.ok(!text.includes(secret), `${label} sees ${secret}`);
        } else {
          assert.ok([403, 404].includes(read.status), `${label}: read answered ${read.status}`);
          for (const secret of SECRETS)
            assert.ok(!text.includes(secret), `${label} refusal carries ${secret}`);
        }
        const list = await client.get<{ items: { id: string }[] }>('/api/v1/cases');
        if (list.status === 200) {
          const listed = list.body.items.some((c) => c.id === caseId);
          assert.equal(listed, lead || careReader, `${label}: list shows the case: ${listed}`);
          for (const secret of VICTIM_ONLY) assert.ok(!JSON.stringify(list.body).includes(secret), label);
        } else {
          assert.equal(list.status, 403, label);
        }
        if (!lead) {
          const write = await client.post(`/api/v1/cases/${caseId}/persons`, {
            role: 'other',
            surname: 'Inbreker',
          });
          assert.ok([403, 404].includes(write.status), `${label}: write answered ${write.status}`);
          const move = await client.post(`/api/v1/cases/${caseId}/transitions`, { action: 'hold' });
          assert.ok([403, 404].includes(move.status), `${label}: transition answered ${move.status}`);
          const revoke = await client.post(`/api/v1/case-referrals/${referralId}/transitions`, {
            action: 'revoke',
          });
          assert.ok([403, 404].includes(revoke.status), `${label}: revoke answered ${revoke.status}`);
          const onward = await client.post(`/api/v1/cases/${caseId}/referrals`, {
            toOrgId: (await orgIds(server)).get('Gemeente Amsterdam'),
            profile: 'administrative',
            purpose: 'administrative_enforcement',
            legalBasis: 'public_task',
            endsOn: '2099-01-01',
          });
          assert.ok([400, 403, 404].includes(onward.status), `${label}: referral answered ${onward.status}`);
        }
        combinations++;
      }
    }
    assert.ok(combinations > 40, `checked ${combinations}`);
    // Nothing any of them tried was written.
    const police = await loginAs(server, POLICE, 'criminal_investigation');
    const file = await police.get<{ state: string; persons: { surname: string }[]; referrals: unknown[] }>(
      `/api/v1/cases/${caseId}`,
    );
    assert.equal(file.body.state, 'open');
    assert.ok(!file.body.persons.some((p) => p.surname === 'Inbreker'));
    assert.equal(file.body.referrals.length, 1);
  });
});
