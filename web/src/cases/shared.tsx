import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { navigate } from '../router.tsx';
import { Choice, fieldId, Text } from '../signals/fields.tsx';
import { casePath } from './api.ts';

export function useCaseLabel() {
  const { t } = useI18n();
  return (group: string, value: string | null | undefined) =>
    value ? t(`cases.${group}.${value}` as MessageKey) : '–';
}

/** A calendar day ('YYYY-MM-DD') in the reader's language, never shifted by a time zone. */
export function useDay() {
  const { language } = useI18n();
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

/** Opens a case: directly (title and approach) or from an accepted signal (`signalId`). */
export function NewCase(props: { purpose: string; signalId?: string }) {
  const { t } = useI18n();
  const label = useCaseLabel();
  const [title, setTitle] = useState('');
  const [approach, setApproach] = useState(
    props.purpose === 'care_coordination'
      ? 'care'
      : props.purpose === 'administrative_enforcement'
        ? 'administrative'
        : 'criminal',
  );
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!title.trim()) {
      setFailure(new ApiError(400, 'required', `${t('cases.new.name')}: ${t('cases.required')}`, 'title'));
      return;
    }
    setBusy(true);
    try {
      const created = await api<{ id: string; reference: string }>('POST', '/cases', {
        purpose: props.purpose,
        body: {
          title: title.trim(),
          approaches: [approach],
          ...(props.signalId ? { signalIds: [props.signalId] } : {}),
        },
      });
      navigate(casePath(created.id, props.purpose));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) =>
    failure instanceof ApiError && failure.field === field ? failure.message : undefined;
  const heading = props.signalId ? t('cases.new.fromSignal') : t('cases.new.title');
  return (
    <form className="kp-panel" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="new-case">
      <Heading2 id="new-case">{heading}</Heading2>
      {props.signalId && <Paragraph>{t('cases.new.fromSignalLead')}</Paragraph>}
      <Text
        id={fieldId('new-case-title')}
        label={t('cases.new.name')}
        required
        value={title}
        onValue={setTitle}
        error={fieldError('title')}
      />
      <Choice
        id={fieldId('new-case-approach')}
        label={t('cases.filter.approach')}
        value={approach}
        onValue={setApproach}
        options={['criminal', 'administrative', 'care'].map((v) => ({
          value: v,
          label: label('approach', v),
        }))}
      />
      {!fieldError('title') && <Problem error={failure} />}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('cases.new.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
