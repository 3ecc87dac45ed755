import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { EXPLOITATION_FORMS } from '../../../src/domain/forms.ts';
import { INDICATOR_GROUPS, INDICATORS, indicatorGroupTitle } from '../../../src/domain/indicators.ts';
import type { RuleSet } from '../../../src/signals/ruleset.ts';
import { LINK_KINDS } from '../../../src/signals/vocabulary.ts';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { useErrorFocus } from '../focusError.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { fieldId, Text } from './fields.tsx';
import { useSignalLabels } from './labels.tsx';

const purpose = 'signal_assessment';

interface Version {
  version: number;
  name: string;
  rules: RuleSet;
  createdAt: string | null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Weights as the editor holds them: text, so a half-typed number is not lost. */
type Weights = Record<string, string>;

function flatten(rules: RuleSet): Weights {
  const w: Weights = {
    name: rules.name,
    defaultWeight: String(rules.indicators.defaultWeight),
    maxPerForm: rules.indicators.maxPerForm === undefined ? '' : String(rules.indicators.maxPerForm),
    minor: String(rules.minor.minor),
    possiblyMinor: String(rules.minor.possiblyMinor),
    repeatMax: String(rules.repeatLinks.max),
  };
  for (const [code, value] of Object.entries(rules.indicators.weights)) w[`ind:${code}`] = String(value);
  for (const [form, value] of Object.entries(rules.forms)) w[`form:${form}`] = String(value);
  for (const [kind, value] of Object.entries(rules.repeatLinks.perEarlierSignal))
    w[`link:${kind}`] = String(value);
  for (const band of rules.priorities) w[`prio:${band.priority}`] = String(band.minScore);
  return w;
}

function collect(prefix: string, w: Weights): Record<string, number> {
  return Object.fromEntries(
    Object.entries(w)
      .filter(([key, value]) => key.startsWith(prefix) && value.trim() !== '')
      .map(([key, value]) => [key.slice(prefix.length), Number(value)]),
  );
}

function unflatten(base: RuleSet, w: Weights): unknown {
  return {
    ...base,
    name: w.name,
    indicators: {
      defaultWeight: Number(w.defaultWeight),
      weights: collect('ind:', w),
      ...(w.maxPerForm.trim() ? { maxPerForm: Number(w.maxPerForm) } : {}),
    },
    forms: collect('form:', w),
    minor: { minor: Number(w.minor), possiblyMinor: Number(w.possiblyMinor) },
    repeatLinks: { perEarlierSignal: collect('link:', w), max: Number(w.repeatMax) },
    priorities: base.priorities.map((band) => ({ ...band, minScore: Number(w[`prio:${band.priority}`]) })),
  };
}

/** The triage rule set: every version, the weights of one, and saving edited weights as a new version. */
export function RuleSetPage() {
  const { t, dateTime, language } = useI18n();
  const labels = useSignalLabels();
  const { data, error, reload } = useLoad(
    () => api<Version[]>('GET', '/triage/rulesets', { purpose }),
    'rulesets',
  );
  const [editing, setEditing] = useState<{ base: RuleSet; weights: Weights } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const errorFocus = useErrorFocus();
  const current = data?.[0];
  const state = editing ?? (current ? { base: current.rules, weights: flatten(current.rules) } : null);
  const set = (key: string, value: string) =>
    state && setEditing({ base: state.base, weights: { ...state.weights, [key]: value } });
  const bad = (key: string) =>
    state && state.weights[key]?.trim() !== '' && Number.isNaN(Number(state.weights[key]))
      ? t('signals.rules.notANumber')
      : undefined;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!state) return;
    setFailure(null);
    setSaved(null);
    try {
      const result = await api<{ version: number }>('POST', '/triage/rulesets', {
        purpose,
        body: unflatten(state.base, state.weights),
      });
      setSaved(result.version);
      setEditing(null);
      await reload();
    } catch (problem) {
      setFailure(problem);
      errorFocus.refused();
    }
  };

  const num = (key: string, label: string) => (
    <Text
      key={key}
      id={fieldId(`rules-${key}`)}
      label={label}
      inputMode="numeric"
      value={state?.weights[key] ?? ''}
      error={bad(key)}
      onValue={(value) => set(key, value)}
    />
  );

  return (
    <>
      <PageHeading title={t('signals.rules.title')}>{t('signals.rules.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('signals.rules.lead')}</Paragraph>
      <Problem error={error} />
      {data && (
        <section className="kp-panel" aria-labelledby="rules-versions">
          <Heading2 id="rules-versions">{t('signals.rules.versions')}</Heading2>
          <DataTable
            caption={t('signals.rules.versions')}
            captionHidden
            rows={data}
            rowKey={(v) => v.version}
            columns={[
              {
                header: t('signals.rules.version'),
                // The newest version is the one in force.
                cell: (v) => `${v.version}${v === data[0] ? ` (${t('signals.rules.active')})` : ''}`,
                rowHeader: true,
              },
              { header: t('signals.rules.name'), cell: (v) => v.name },
              {
                header: t('signals.rules.savedAt'),
                cell: (v) => (v.createdAt ? dateTime(v.createdAt) : t('signals.rules.shipped')),
              },
            ]}
          />
        </section>
      )}
      {state && current && (
        <form noValidate onSubmit={(event) => void save(event)}>
          <section ref={errorFocus.ref} className="kp-panel" aria-labelledby="rules-edit">
            <Heading2 id="rules-edit">{t('signals.rules.edit', { version: current.version })}</Heading2>
            <Paragraph>{t('signals.rules.editHelp')}</Paragraph>
            <Text
              id={fieldId('rules-name')}
              label={t('signals.rules.name')}
              value={state.weights.name}
              onValue={(value) => set('name', value)}
            />
            <Fieldset>
              <FieldsetLegend>{t('signals.rules.general')}</FieldsetLegend>
              <div className="kp-grid">
                {num('defaultWeight', t('signals.rules.defaultWeight'))}
                {num('maxPerForm', t('signals.rules.maxPerForm'))}
                {num('minor', t('signals.rules.minor'))}
                {num('possiblyMinor', t('signals.rules.possiblyMinor'))}
                {num('repeatMax', t('signals.rules.repeatMax'))}
              </div>
            </Fieldset>
            <Fieldset>
              <FieldsetLegend>{t('signals.rules.forms')}</FieldsetLegend>
              <div className="kp-grid">
                {EXPLOITATION_FORMS.map((form) => num(`form:${form.code}`, form.label[language]))}
              </div>
            </Fieldset>
            <Fieldset>
              <FieldsetLegend>{t('signals.rules.links')}</FieldsetLegend>
              <div className="kp-grid">
                {LINK_KINDS.map((kind) =>
                  num(`link:${kind}`, capitalise(t(`signals.linkKind.${kind}` as MessageKey))),
                )}
              </div>
            </Fieldset>
            <Fieldset>
              <FieldsetLegend>{t('signals.rules.priorities')}</FieldsetLegend>
              <div className="kp-grid">
                {state.base.priorities.map((band) =>
                  num(
                    `prio:${band.priority}`,
                    `${labels.priority(band.priority)} ${t('signals.rules.from')}`,
                  ),
                )}
              </div>
            </Fieldset>
            {INDICATOR_GROUPS.map((group) => (
              <details key={group.code} className="kp-disclosure">
                <summary>
                  {t('signals.rules.indicatorWeights')}: {indicatorGroupTitle(group, language)}
                </summary>
                <div className="kp-grid">
                  {INDICATORS.filter((i) => i.group === group.code).map((indicator) =>
                    num(`ind:${indicator.code}`, indicator.label[language]),
                  )}
                </div>
              </details>
            ))}
            <Heading2 id="rules-routes" className="kp-subheading">
              {t('signals.rules.routes')}
            </Heading2>
            <UnorderedList aria-labelledby="rules-routes">
              {state.base.routes.map((rule) => (
                <UnorderedListItem key={rule.id}>
                  {labels.route(rule.route)}: {rule.reason[language]}
                </UnorderedListItem>
              ))}
            </UnorderedList>
            <Problem error={failure} />
            <div aria-live="polite">
              {saved !== null && <Success>{t('signals.rules.saved', { version: saved })}</Success>}
            </div>
            <ButtonGroup className="kp-form-actions">
              <Button type="submit" appearance="primary-action-button">
                {t('signals.rules.save')}
              </Button>
              {editing && (
                <Button appearance="secondary-action-button" onClick={() => setEditing(null)}>
                  {t('signals.rules.reset')}
                </Button>
              )}
            </ButtonGroup>
          </section>
        </form>
      )}
    </>
  );
}
