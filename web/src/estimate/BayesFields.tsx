import { TextField } from '../components/TextField.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { SelectField } from './fields.tsx';

export type Family = 'loglinear' | 'dga' | 'lcm' | 'all';

export interface BayesValues {
  family: Family;
  delta: string;
  K: string;
  burnin: string;
  samples: string;
  thin: string;
  chains: string;
}

export const BAYES_DEFAULTS: BayesValues = {
  family: 'loglinear',
  delta: '',
  K: '10',
  burnin: '50000',
  samples: '10000',
  thin: '100',
  chains: '2',
};

/**
 * The settings the API takes for the chosen family (numbers as typed; the server names a bad field). The seed is
 * the form's one seed field, shared with the bootstrap.
 */
export function bayesSettings(v: BayesValues): Record<string, unknown> {
  if (v.family === 'loglinear') return {};
  const out: Record<string, unknown> = { method: v.family };
  if ((v.family === 'dga' || v.family === 'all') && v.delta.trim()) out.delta = Number(v.delta);
  if (v.family === 'lcm' || v.family === 'all')
    for (const key of ['K', 'burnin', 'samples', 'thin', 'chains'] as const)
      if (v[key].trim()) out[key] = Number(v[key]);
  return out;
}

/** The method family and, for the Bayesian ones, their settings. */
export function BayesFields(props: { values: BayesValues; onValues(values: BayesValues): void }) {
  const { t } = useI18n();
  const v = props.values;
  const set = (key: keyof BayesValues) => (value: string) => props.onValues({ ...v, [key]: value });
  const families: Family[] = ['loglinear', 'dga', 'lcm', 'all'];
  const lcm = v.family === 'lcm' || v.family === 'all';
  return (
    <>
      <SelectField
        label={t('estimate.family')}
        value={v.family}
        onValue={(value) => props.onValues({ ...v, family: value as Family })}
        options={families.map((f) => ({ value: f, label: t(`estimate.family.${f}` as MessageKey) }))}
        description={t('estimate.familyHelp')}
      />
      {(v.family === 'dga' || v.family === 'all') && (
        <TextField label={t('estimate.delta')} inputMode="decimal" value={v.delta} onValue={set('delta')} />
      )}
      {lcm &&
        (['K', 'burnin', 'samples', 'thin', 'chains'] as const).map((key) => (
          <TextField
            key={key}
            label={t(`estimate.${key}` as MessageKey)}
            inputMode="numeric"
            value={v[key]}
            onValue={set(key)}
          />
        ))}
    </>
  );
}
