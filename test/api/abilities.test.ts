import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACTIONS, RESOURCES } from '../../src/access/grant.ts';
import { AccessDenied, decide } from '../../src/access/policy.ts';
import { PURPOSES, type Purpose, type Role } from '../../src/access/roles.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

/**
 * `GET /api/v1/auth/me` answers what the user may do, from the grants (issue 11 item 4). The web app's menus
 * and start page are built from it, so it must say exactly what the API allows: checked here against real
 * requests and against `decide()` for every resource, action and purpose.
 */

interface Me {
  user: { id: string; roles: Role[]; organisation: { id: string; type: string } };
  abilities: { resource: string; action: string; purposes: { purpose: Purpose; roles: Role[] }[] }[];
}

const holds = (me: Me, resource: string, action: string, purpose: string) =>
  me.abilities
    .find((a) => a.resource === resource && a.action === action)
    ?.purposes.find((p) => p.purpose === purpose);

describe(`abilities on /auth/me on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const me = async (email: string) => {
    const client = await loginAs(server, email);
    const answer = await client.get<Me>('/api/v1/auth/me');
    assert.equal(answer.status, 200);
    return { client, me: answer.body };
  };

  test('anonymous: no abilities, 401', async () => {
    const answer = await new ApiClient(server.url).get('/api/v1/auth/me');
    assert.equal(answer.status, 401);
  });

  test('what demo users may and may not do, and the API agrees', async () => {
    const triage = await me('triage@politie-le.example');
    assert.deepEqual(holds(triage.me, 'signal', 'transition', 'signal_assessment')?.roles, ['triage']);
    assert.ok(holds(triage.me, 'triage_ruleset', 'create', 'signal_assessment'));
    assert.equal(holds(triage.me, 'case', 'read', 'case_consultation'), undefined, 'triage opens no cases');
    assert.equal(holds(triage.me, 'user', 'create', 'administration'), undefined);
    triage.client.purpose = 'signal_assessment';
    assert.equal((await triage.client.get('/api/v1/signals')).status, 200);

    const analyst = await me('analist@comensha.example');
    assert.ok(holds(analyst.me, 'estimate', 'create', 'statistics'));
    assert.ok(!analyst.me.abilities.some((a) => a.resource === 'signal'), 'an analyst reads no signal');
    analyst.client.purpose = 'statistics';
    assert.equal((await analyst.client.get('/api/v1/signals')).status, 403, 'and the API refuses it');

    const admin = await me('beheer@politie-amsterdam.example');
    assert.ok(holds(admin.me, 'user', 'create', 'administration'));
    assert.deepEqual(
      [...new Set(admin.me.abilities.flatMap((a) => a.purposes.map((p) => p.purpose)))],
      ['administration'],
      'an admin acts under administration only',
    );
    const privacy = await me('privacy@politie-amsterdam.example');
    assert.ok(holds(privacy.me, 'audit_log', 'read', 'audit_control'));
    assert.equal(holds(privacy.me, 'user', 'create', 'administration'), undefined);
    privacy.client.purpose = 'administration';
    assert.equal((await privacy.client.get('/api/v1/users')).status, 403);

    // Two roles: each role that brings an ability is named (not only the first role the user has).
    const kmar = await me('melder@kmar.example');
    assert.deepEqual(holds(kmar.me, 'signal', 'create', 'signal_intake')?.roles, ['intake', 'investigator']);
    assert.deepEqual(holds(kmar.me, 'crawl_investigation', 'read', 'criminal_investigation')?.roles, [
      'investigator',
    ]);
  });

  test('the abilities are exactly what decide() allows, for every resource, action and purpose', async () => {
    for (const email of [
      'rechercheur@politie-amsterdam.example',
      'coordinator@gemeente-amsterdam.example',
      'zorgcoordinator@zorg-amsterdam.example',
      'melder@kmar.example',
      'visum@bz.example',
    ]) {
      const { me: answer } = await me(email);
      const actor = {
        userId: answer.user.id,
        orgId: answer.user.organisation.id,
        orgType: answer.user.organisation.type,
        roles: answer.user.roles,
      };
      let allowed = 0;
      for (const resource of RESOURCES) {
        for (const action of ACTIONS) {
          for (const purpose of PURPOSES) {
            const claimed = holds(answer, resource, action, purpose);
            let decided: readonly Role[] | null = null;
            try {
              decided = decide(actor, purpose, resource, action).roles;
            } catch (error) {
              if (!(error instanceof AccessDenied)) throw error;
            }
            assert.deepEqual(
              claimed ? [...claimed.roles].sort() : null,
              decided ? [...decided].sort() : null,
              `${email}: ${resource}.${action} under ${purpose}`,
            );
            if (decided) allowed++;
          }
        }
      }
      assert.ok(allowed > 0, `${email} may do something`);
    }
  });
});
