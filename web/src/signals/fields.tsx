import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ChangeEvent, ReactNode } from 'react';

/**
 * Form fields of the signal pages. Each takes an explicit `id` (derived from the API's field path, so the
 * error summary can link to it) and an optional error that is shown next to the field and linked to it.
 */
interface Common {
  id: string;
  label: string;
  description?: string;
  error?: string;
  required?: boolean;
}

function describedBy(props: Common): string | undefined {
  const ids = [
    props.description ? `${props.id}-description` : '',
    props.error ? `${props.id}-error` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame(props: Common & { type: string; input: ReactNode }) {
  return (
    <FormField
      type={props.type}
      invalid={Boolean(props.error)}
      label={
        <FormLabel htmlFor={props.id}>
          {props.label}
          {props.required ? ' *' : ''}
        </FormLabel>
      }
      description={
        props.description ? (
          <FormFieldDescription id={`${props.id}-description`}>{props.description}</FormFieldDescription>
        ) : undefined
      }
      errorMessage={
        props.error ? (
          <FormFieldErrorMessage id={`${props.id}-error`}>{props.error}</FormFieldErrorMessage>
        ) : undefined
      }
      input={props.input}
    />
  );
}

export function Text(
  props: Common & {
    value: string;
    onValue(value: string): void;
    type?: string;
    autoComplete?: string;
    inputMode?: 'numeric' | 'text' | 'tel' | 'email' | 'url';
  },
) {
  return (
    <Frame
      {...props}
      type="text"
      input={
        <Textbox
          id={props.id}
          name={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          invalid={Boolean(props.error)}
          required={props.required}
          aria-describedby={describedBy(props)}
          onChange={(event: ChangeEvent<HTMLInputElement>) => props.onValue(event.currentTarget.value)}
        />
      }
    />
  );
}

export function LongText(props: Common & { value: string; onValue(value: string): void; rows?: number }) {
  return (
    <Frame
      {...props}
      type="textarea"
      input={
        <Textarea
          id={props.id}
          name={props.id}
          rows={props.rows ?? 4}
          value={props.value}
          required={props.required}
          invalid={Boolean(props.error)}
          aria-describedby={describedBy(props)}
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => props.onValue(event.currentTarget.value)}
        />
      }
    />
  );
}

export function Choice(
  props: Common & {
    value: string;
    onValue(value: string): void;
    options: ReadonlyArray<{ value: string; label: string }>;
    /** A first option meaning "not given". */
    empty?: string;
  },
) {
  return (
    <Frame
      {...props}
      type="select"
      input={
        <Select
          id={props.id}
          name={props.id}
          value={props.value}
          invalid={Boolean(props.error)}
          aria-describedby={describedBy(props)}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => props.onValue(event.currentTarget.value)}
        >
          {props.empty !== undefined && <SelectOption value="">{props.empty}</SelectOption>}
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

/** Turns an API field path such as `persons.0.phones` into an element id usable in `href="#…"`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
