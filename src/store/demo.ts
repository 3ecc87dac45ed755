import { hashPassword } from '../access/passwords.ts';
import type { OrgType, Role } from '../access/roles.ts';
import type { Store } from './connect.ts';

/** The demo world a newcomer logs into. Never seeded in production (see seedDemo). */
export const DEMO_PASSWORD = 'Ketenplein-demo-2026';

export interface DemoOrg {
  key: string;
  name: string;
  type: OrgType;
  cbs_code?: string;
  region?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'politie-amsterdam', name: 'Politie Eenheid Amsterdam', type: 'police_unit', region: 'Amsterdam' },
  { key: 'politie-le', name: 'Politie Landelijke Eenheid', type: 'police_unit', region: 'Landelijk' },
  { key: 'politie-rotterdam', name: 'Politie Eenheid Rotterdam', type: 'police_unit', region: 'Rotterdam' },
  { key: 'inspectie-szw', name: 'Inspectie SZW', type: 'labour_inspectorate', region: 'Landelijk' },
  { key: 'kmar', name: 'Koninklijke Marechaussee', type: 'kmar', region: 'Landelijk' },
  { key: 'om', name: 'Openbaar Ministerie', type: 'public_prosecution', region: 'Landelijk' },
  { key: 'gemeente-amsterdam', name: 'Gemeente Amsterdam', type: 'municipality', cbs_code: 'GM0363' },
  { key: 'gemeente-utrecht', name: 'Gemeente Utrecht', type: 'municipality', cbs_code: 'GM0344' },
  { key: 'zorg-amsterdam', name: 'Zorgcoördinatie Amsterdam-Amstelland', type: 'care_coordination' },
  { key: 'opvang', name: 'Stichting Veilige Opvang (demo)', type: 'shelter' },
  { key: 'ngo', name: 'Stichting Ketenhulp (demo)', type: 'ngo' },
  { key: 'comensha', name: 'CoMensha', type: 'comensha', region: 'Landelijk' },
  { key: 'fiu', name: 'FIU-Nederland', type: 'fiu', region: 'Landelijk' },
  { key: 'bz', name: 'Ministerie van Buitenlandse Zaken – visumdesk', type: 'foreign_affairs' },
  { key: 'school', name: 'Demo College Utrecht', type: 'school' },
  { key: 'jenv', name: 'Ministerie van Justitie en Veiligheid – programma', type: 'ministry' },
  { key: 'riec-amsterdam', name: 'RIEC Amsterdam-Amstelland', type: 'riec', region: 'Amsterdam' },
  { key: 'jeugdzorg', name: 'Jeugdzorg Amsterdam (demo)', type: 'youth_care', region: 'Amsterdam' },
];

export interface DemoUser {
  email: string;
  name: string;
  org: string;
  roles: Role[];
}

/** One user per role, spread over the organisations where that role lives in the chain. */
export const DEMO_USERS: DemoUser[] = [
  {
    email: 'melder@gemeente-amsterdam.example',
    name: 'Sanne de Vries',
    org: 'gemeente-amsterdam',
    roles: ['intake'],
  },
  { email: 'triage@politie-le.example', name: 'Mohamed el Amrani', org: 'politie-le', roles: ['triage'] },
  {
    email: 'rechercheur@politie-amsterdam.example',
    name: 'Eva Jansen',
    org: 'politie-amsterdam',
    roles: ['investigator'],
  },
  {
    email: 'zorgcoordinator@zorg-amsterdam.example',
    name: 'Lotte Bakker',
    org: 'zorg-amsterdam',
    roles: ['care_coordinator'],
  },
  {
    email: 'coordinator@gemeente-amsterdam.example',
    name: 'Daan Visser',
    org: 'gemeente-amsterdam',
    roles: ['municipal_coordinator'],
  },
  { email: 'analist@comensha.example', name: 'Noor Smit', org: 'comensha', roles: ['analyst'] },
  {
    email: 'privacy@politie-amsterdam.example',
    name: 'Bram Mulder',
    org: 'politie-amsterdam',
    roles: ['privacy_officer'],
  },
  {
    email: 'beheer@politie-amsterdam.example',
    name: 'Fleur de Boer',
    org: 'politie-amsterdam',
    roles: ['admin'],
  },
  {
    email: 'beheer@gemeente-amsterdam.example',
    name: 'Ruben Meijer',
    org: 'gemeente-amsterdam',
    roles: ['admin'],
  },
  {
    email: 'inspecteur@inspectie-szw.example',
    name: 'Iris van Dijk',
    org: 'inspectie-szw',
    roles: ['investigator'],
  },
  { email: 'melder@kmar.example', name: 'Thijs Hendriks', org: 'kmar', roles: ['intake', 'investigator'] },
  { email: 'melder@opvang.example', name: 'Anouk Dekker', org: 'opvang', roles: ['intake'] },
  // Statistics partners of an estimation round: each organisation uploads its own encoded list.
  { email: 'analist@inspectie-szw.example', name: 'Sem Willems', org: 'inspectie-szw', roles: ['analyst'] },
  { email: 'analist@opvang.example', name: 'Lieke Peters', org: 'opvang', roles: ['analyst'] },
  {
    email: 'privacy@gemeente-amsterdam.example',
    name: 'Yara Bos',
    org: 'gemeente-amsterdam',
    roles: ['privacy_officer'],
  },
  // Cases, care, the programme monitor and the partner feeds.
  {
    email: 'voorzitter@riec-amsterdam.example',
    name: 'Karim Bouzid',
    org: 'riec-amsterdam',
    roles: ['consultation_chair'],
  },
  { email: 'intake@opvang.example', name: 'Maud Kok', org: 'opvang', roles: ['provider_intake'] },
  { email: 'registratie@comensha.example', name: 'Femke Vos', org: 'comensha', roles: ['registrar'] },
  {
    email: 'medewerker@jeugdzorg.example',
    name: 'Jesse Brouwer',
    org: 'jeugdzorg',
    roles: ['youth_care_worker'],
  },
  { email: 'programma@jenv.example', name: 'Hanna de Graaf', org: 'jenv', roles: ['programme_manager'] },
  { email: 'visum@bz.example', name: 'Pieter van Leeuwen', org: 'bz', roles: ['visa_officer'] },
  {
    email: 'wav@inspectie-szw.example',
    name: 'Roos Verhoeven',
    org: 'inspectie-szw',
    roles: ['feed_publisher'],
  },
  { email: 'aanlevering@fiu.example', name: 'Ahmed Yilmaz', org: 'fiu', roles: ['feed_publisher'] },
];

export class ProductionSeedRefused extends Error {}

/**
 * Seeds the demo world once (a second start keeps the data). Refused under NODE_ENV=production,
 * where a known password must never open an account.
 */
export async function seedDemo(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.NODE_ENV === 'production') {
    throw new ProductionSeedRefused(
      'Demo-gegevens worden niet geladen in productie / Demo data is refused in production',
    );
  }
  const existing = await store.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await store.db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGS) {
      const row = await trx
        .insertInto('organisations')
        .values({
          name: org.name,
          type: org.type,
          cbs_code: org.cbs_code ?? null,
          region: org.region ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, row.id);
    }
    await trx
      .insertInto('users')
      .values(
        DEMO_USERS.map((user) => ({
          org_id: orgIds.get(user.org)!,
          email: user.email,
          name: user.name,
          roles: user.roles,
          password_hash: passwordHash,
        })),
      )
      .execute();
  });
  return true;
}
