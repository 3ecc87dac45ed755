import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Choice } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { type Assessment, actionLines, assessments, saveAssessment, scope } from './api.ts';
import { PolicySummary } from './MonitorPage.tsx';

const ANSWERS = ['yes', 'partly', 'no', 'unknown'] as const;

/** The municipal coordinator's self-assessment (VNG/CoMensha handvatten), for its own municipality. */
export function AssessmentPage() {
  const { t, language } = useI18n();
  const own = useLoad(scope, 'scope');
  const items = useLoad(actionLines, 'items');
  const code = own.data && own.data.scope !== 'national' ? own.data.scope : null;
  const history = useLoad(
    () => (code ? assessments(code) : Promise.resolve([] as Assessment[])),
    code ?? '-',
  );
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [links, setLinks] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Assessment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [policyKey, setPolicyKey] = useState(0);

  useEffect(() => {
    const latest = history.data?.[0];
    if (!latest) return;
    setAnswers(latest.answers);
    setLinks(Object.fromEntries(latest.evidence.map((e) => [e.item, e.url])));
  }, [history.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!code || !items.data) return;
    setError(null);
    setSaved(null);
    try {
      const result = await saveAssessment(code, {
        answers: Object.fromEntries(items.data.handvatten.map((h) => [h.item, answers[h.item] ?? 'unknown'])),
        evidence: items.data.handvatten
          .filter((h) => (links[h.item] ?? '').trim() !== '')
          .map((h) => ({ item: h.item, url: (links[h.item] as string).trim(), title: h.label[language] })),
      });
      setSaved(result);
      setPolicyKey((k) => k + 1);
      await history.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <PageHeading title={t('assessment.title')}>{t('assessment.title')}</PageHeading>
      <Paragraph>{t('assessment.lead')}</Paragraph>
      {own.error ? <Problem error={own.error} /> : null}
      {own.data && !code && <Paragraph>{t('assessment.noMunicipality')}</Paragraph>}
      {code && items.data && (
        <form onSubmit={save} noValidate>
          {items.data.handvatten.map((h) => (
            <fieldset key={h.item} className="kp-monitor-item">
              <legend>{h.label[language]}</legend>
              <Choice
                id={`answer-${h.item}`}
                label={h.label[language]}
                value={answers[h.item] ?? 'unknown'}
                onValue={(value) => setAnswers((a) => ({ ...a, [h.item]: value }))}
                options={ANSWERS.map((a) => ({ value: a, label: t(`assessment.answer.${a}` as MessageKey) }))}
              />
              <TextField
                id={`evidence-${h.item}`}
                label={t('assessment.evidence')}
                type="url"
                value={links[h.item] ?? ''}
                onValue={(value: string) => setLinks((l) => ({ ...l, [h.item]: value }))}
              />
            </fieldset>
          ))}
          {error ? <Problem error={error} /> : null}
          {saved && <Success>{t('assessment.saved', { version: saved.version })}</Success>}
          <Button type="submit" appearance="primary-action-button">
            {t('assessment.save')}
          </Button>
        </form>
      )}
      {(history.data?.length ?? 0) > 0 && (
        <section aria-labelledby="assessment-history">
          <Heading2 id="assessment-history">{t('assessment.history')}</Heading2>
          <ul>
            {history.data?.map((h) => (
              <li key={h.id}>
                {t('assessment.version', { version: h.version, date: h.submittedAt.slice(0, 10) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PolicySummary key={policyKey} />
    </>
  );
}
