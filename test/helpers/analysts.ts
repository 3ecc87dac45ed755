import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { type ApiClient, loginAs, type TestServer } from './server.ts';

/**
 * Statistics partners: the demo world has one analyst (CoMensha); a partner organisation's admin
 * creates its own analyst through the API, as in the app.
 */
export async function partnerAnalyst(
  server: TestServer,
  adminEmail: string,
  email: string,
): Promise<ApiClient> {
  const admin = await loginAs(server, adminEmail, 'administration');
  const created = await admin.post<{ setPassword: { link?: string } }>('/api/v1/users', {
    email,
    name: 'Analist Partner',
    roles: ['analyst'],
  });
  if (created.status !== 201)
    throw new Error(`creating ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  // The new analyst sets the first password through the one-time link, as in the app.
  const token = new URL(created.body.setPassword.link ?? '').hash.replace(/^#token=/, '');
  const set = await admin.post('/api/v1/auth/password-link/use', { token, password: DEMO_PASSWORD });
  if (set.status !== 204) throw new Error(`setting the password of ${email}: ${set.status}`);
  return loginAs(server, email, 'statistics');
}

export async function orgIdOf(server: TestServer, name: string): Promise<string> {
  const row = await server.store.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ErrorBody = { error: { code: string; message: string; field?: string } };
