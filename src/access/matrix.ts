import type { Grant } from './grant.ts';
import { allGrants } from './policy.ts';
import { PURPOSES, type Purpose, ROLE_PURPOSES, ROLES, type Role } from './roles.ts';

/**
 * The access matrix for a privacy officer: per role, per purpose, per resource and action, which rows,
 * which fields, and on what legal basis. Generated from the grants (`npm run access-matrix` writes
 * docs/access-matrix.md; a test fails when the grants changed and the document was not regenerated).
 */

const ROLE_NL: Record<Role, string> = {
  intake: 'Melder',
  triage: 'Triagist',
  investigator: 'Rechercheur / inspecteur',
  care_coordinator: 'Zorgcoördinator',
  municipal_coordinator: 'Gemeentelijk coördinator',
  analyst: 'Analist',
  privacy_officer: 'Privacyfunctionaris',
  admin: 'Beheerder',
  consultation_chair: 'Voorzitter casusoverleg',
  provider_intake: 'Intake opvang',
  registrar: 'Registrator CoMensha',
  youth_care_worker: 'Medewerker jeugdzorg',
  programme_manager: 'Programmamanager',
  visa_officer: 'Visummedewerker',
  feed_publisher: 'Aanleveraar gegevens',
};

const PURPOSE_NL: Record<Purpose, string> = {
  signal_intake: 'Signaal melden',
  signal_assessment: 'Signaalbeoordeling',
  criminal_investigation: 'Opsporing',
  administrative_enforcement: 'Bestuurlijke handhaving',
  care_coordination: 'Zorgcoördinatie',
  statistics: 'Statistiek',
  audit_control: 'Auditcontrole',
  data_subject_request: 'Verzoek betrokkene',
  administration: 'Beheer',
  case_consultation: 'Casusoverleg',
  victim_registration: 'Registratie slachtoffers',
  visa_screening: 'Visumtoetsing',
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function applies(grant: Grant, role: Role, purpose: Purpose): boolean {
  return (
    (grant.roles === 'any' || grant.roles.includes(role)) &&
    (grant.purposes === 'any' || grant.purposes.includes(purpose))
  );
}

export function accessMatrix(grants: readonly Grant[] = allGrants()): string {
  const lines = [
    '# Toegangsmatrix / Access matrix',
    '',
    '_Gegenereerd uit de grants van de capabilities (`npm run access-matrix`); niet met de hand bewerken._',
    '',
    'Per rol en doel van verwerking: welke handeling op welk soort gegevens, op welke rijen, met welke velden',
    'en op welke grondslag. **Weigering** gaat altijd voor: een geweigerde rij ziet niemand onder dat doel,',
    'ook niet als een andere regel haar toestaat. Rijen die een regel "in de hele keten" opent, laat de',
    'database (row-level security) alleen zien aan de vraag van die regel, nooit aan de volgende.',
    '',
  ];
  for (const role of ROLES) {
    lines.push(`## ${ROLE_NL[role]} (\`${role}\`)`, '');
    for (const purpose of PURPOSES.filter((p) => ROLE_PURPOSES[role].includes(p))) {
      const mine = grants.filter((grant) => applies(grant, role, purpose));
      lines.push(`### Doel: ${PURPOSE_NL[purpose]} (\`${purpose}\`)`, '');
      if (mine.length === 0) {
        lines.push('Geen toegang tot gegevens onder dit doel.', '');
        continue;
      }
      lines.push(
        '| Gegevens | Handeling | Rijen | Velden (lezen) | Velden (wijzigen) | Alleen bij organisatietype | Grondslag |',
        '|---|---|---|---|---|---|---|',
      );
      for (const grant of mine) {
        const deny = grant.effect === 'deny';
        lines.push(
          `| \`${grant.resource}\` | ${deny ? '**WEIGERING** ' : ''}${grant.actions.map((a) => `\`${a}\``).join(', ')} | ` +
            `${cell(grant.rows.label.nl)}${grant.rows.chain ? ' (hele keten)' : ''} | ` +
            `${deny ? '—' : cell(grant.fields.join(', ') || 'geen (alleen aantallen of een controle)')} | ` +
            `${cell((grant.writable ?? []).join(', ') || '—')} | ${cell(grant.orgTypes?.join(', ') ?? 'alle')} | ` +
            `${cell(grant.legalBasis)} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
