import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { ListState } from '../useListState.ts';
import { TextField } from './TextField.tsx';

function Choice(props: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onValue(value: string): void;
}) {
  const id = useId();
  return (
    <FormField
      type="select"
      label={<FormLabel htmlFor={id}>{props.label}</FormLabel>}
      input={
        <Select
          id={id}
          value={props.value}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => props.onValue(event.currentTarget.value)}
        >
          {props.options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}

/**
 * Search and sort of a server-side list (issue 19, item 10). The search applies on submit (Enter or the
 * button), the sort at once; both go into the address through `useListState`.
 */
export function ListControls({
  state,
  change,
  sorts,
  searchHint,
  children,
}: {
  state: ListState;
  change: (next: ListState) => void;
  sorts: ReadonlyArray<{ value: string; label: string }>;
  searchHint?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(state.q ?? '');
  useEffect(() => setQ(state.q ?? ''), [state.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change({ q: q.trim() });
  };
  return (
    <form className="kp-list-controls" aria-label={t('list.search')} onSubmit={submit}>
      <TextField
        name="q"
        label={t('list.search')}
        description={searchHint}
        value={q}
        onValue={setQ}
        maxLength={100}
      />
      <Choice
        label={t('list.sort')}
        value={state.sort}
        options={sorts}
        onValue={(sort) => change({ sort })}
      />
      <Choice
        label={t('list.dir')}
        value={state.dir}
        options={[
          { value: 'asc', label: t('list.asc') },
          { value: 'desc', label: t('list.desc') },
        ]}
        onValue={(dir) => change({ dir })}
      />
      {children}
      <Button type="submit" appearance="primary-action-button">
        {t('list.apply')}
      </Button>
    </form>
  );
}
