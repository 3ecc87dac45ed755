import {
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { CHAIN_WIDE_ROLES, ROLE_ORG_TYPES } from '../../../src/access/role-grants.ts';
import { ROLES } from '../../../src/access/roles.ts';
import { useI18n } from '../i18n/index.tsx';
import { roleHelp, roleLabel } from '../modules.ts';
import { useAuthenticated } from '../session.tsx';

interface Props {
  value: readonly string[];
  onChange(next: string[]): void;
  error?: string;
  legend: string;
}

/**
 * One checkbox per role the organisation's admin may hand out (the role fits the organisation type and
 * is not chain-wide: src/access/role-grants.ts); a role the user already holds but the admin may not give
 * stays visible, so it can be taken away. The error is linked to the group.
 */
export function RoleCheckboxes({ value, onChange, error, legend }: Props) {
  const { t } = useI18n();
  const { user: me } = useAuthenticated();
  const grantable = (role: (typeof ROLES)[number]) =>
    (ROLE_ORG_TYPES[role] as readonly string[]).includes(me.organisation.type) &&
    !CHAIN_WIDE_ROLES.includes(role);
  const shown = ROLES.filter((role) => grantable(role) || value.includes(role));
  const errorId = useId();
  const toggle = (role: string, on: boolean) =>
    onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? errorId : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
      <div className="kp-roles">
        {shown.map((role) => (
          <FormFieldCheckbox
            key={role}
            name="roles"
            value={role}
            label={t(roleLabel(role))}
            description={t(roleHelp(role))}
            checked={value.includes(role)}
            disabled={!grantable(role) && !value.includes(role)}
            onChange={(event) => toggle(role, event.currentTarget.checked)}
          />
        ))}
      </div>
    </Fieldset>
  );
}
