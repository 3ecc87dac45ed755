import {
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { ROLES } from '../../../src/access/roles.ts';
import { useI18n } from '../i18n/index.tsx';
import { roleHelp, roleLabel } from '../modules.ts';

interface Props {
  value: readonly string[];
  onChange(next: string[]): void;
  error?: string;
  legend: string;
}

/** One checkbox per role, each with what the role does; the error is linked to the group. */
export function RoleCheckboxes({ value, onChange, error, legend }: Props) {
  const { t } = useI18n();
  const errorId = useId();
  const toggle = (role: string, on: boolean) =>
    onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? errorId : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
      <div className="kp-roles">
        {ROLES.map((role) => (
          <FormFieldCheckbox
            key={role}
            name="roles"
            value={role}
            label={t(roleLabel(role))}
            description={t(roleHelp(role))}
            checked={value.includes(role)}
            onChange={(event) => toggle(role, event.currentTarget.checked)}
          />
        ))}
      </div>
    </Fieldset>
  );
}
