import {
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldDescription,
  FormFieldErrorMessage,
} from '@utrecht/component-library-react';
import { INDICATOR_GROUPS, INDICATORS, indicatorGroupTitle } from '../../../src/domain/indicators.ts';
import { useI18n } from '../i18n/index.tsx';
import { fieldId, Text } from './fields.tsx';

interface Picked {
  code: string;
  remark: string;
}

/**
 * The reference list of indicators, one disclosure per group (OM annex groups and ILO), each indicator a
 * checkbox; a picked indicator gets an optional remark. Native <details> keeps it keyboard-operable.
 */
export function IndicatorPicker(props: { value: Picked[]; error?: string; onChange(next: Picked[]): void }) {
  const { t, language } = useI18n();
  const picked = new Map(props.value.map((p) => [p.code, p]));
  const id = fieldId('indicators');
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.value, { code, remark: '' }] : props.value.filter((p) => p.code !== code));
  const setRemark = (code: string, remark: string) =>
    props.onChange(props.value.map((p) => (p.code === code ? { ...p, remark } : p)));
  return (
    <Fieldset
      id={id}
      invalid={Boolean(props.error)}
      aria-describedby={`${id}-description${props.error ? ` ${id}-error` : ''}`}
    >
      <FieldsetLegend>{t('signals.field.indicators')}</FieldsetLegend>
      <FormFieldDescription id={`${id}-description`}>
        {t('signals.field.indicatorsHelp', { count: props.value.length })}
      </FormFieldDescription>
      {props.error && <FormFieldErrorMessage id={`${id}-error`}>{props.error}</FormFieldErrorMessage>}
      {INDICATOR_GROUPS.map((group) => {
        const indicators = INDICATORS.filter((i) => i.group === group.code);
        const count = indicators.filter((i) => picked.has(i.code)).length;
        return (
          <details key={group.code} className="kp-disclosure" open={count > 0 || undefined}>
            <summary>
              {indicatorGroupTitle(group, language)}
              {count > 0 && ` (${t('signals.field.picked', { count })})`}
            </summary>
            {indicators.map((indicator) => (
              <div key={indicator.code} className="kp-indicator">
                <FormFieldCheckbox
                  name="indicators"
                  value={indicator.code}
                  label={indicator.label[language]}
                  checked={picked.has(indicator.code)}
                  onChange={(event) => toggle(indicator.code, event.currentTarget.checked)}
                />
                {picked.has(indicator.code) && (
                  <Text
                    id={`${fieldId(`indicator-${indicator.code}`)}-remark`}
                    label={t('signals.field.indicatorRemark', { indicator: indicator.label[language] })}
                    value={picked.get(indicator.code)?.remark ?? ''}
                    onValue={(remark) => setRemark(indicator.code, remark)}
                  />
                )}
              </div>
            ))}
          </details>
        );
      })}
    </Fieldset>
  );
}
