import type { Grant } from './grant.ts';
import { PURPOSE_LABELS, ROLE_LABELS } from './labels.ts';
import { allGrants } from './policy.ts';
import { PURPOSES, type Purpose, ROLE_PURPOSES, ROLES, type Role } from './roles.ts';

/**
 * The access matrix for a privacy officer: per role, per purpose, per resource and action, which rows,
 * which fields, and on what legal basis. Generated from the grants (`npm run access-matrix` writes
 * docs/access-matrix.md; a test fails when the grants changed and the document was not regenerated).
 */

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
    lines.push(`## ${ROLE_LABELS[role].nl} (\`${role}\`)`, '');
    for (const purpose of PURPOSES.filter((p) => ROLE_PURPOSES[role].includes(p))) {
      const mine = grants.filter((grant) => applies(grant, role, purpose));
      lines.push(`### Doel: ${PURPOSE_LABELS[purpose].nl} (\`${purpose}\`)`, '');
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
