import {
  FormField,
  FormFieldDescription,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { type ChangeEvent, useId } from 'react';

/** A labelled select in the NL Design System form-field layout, with its description linked. */
export function SelectField(props: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onValue(value: string): void;
  description?: string;
}) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <FormField
      type="select"
      label={<FormLabel htmlFor={id}>{props.label}</FormLabel>}
      description={
        props.description ? (
          <FormFieldDescription id={descriptionId}>{props.description}</FormFieldDescription>
        ) : undefined
      }
      input={
        <Select
          id={id}
          value={props.value}
          aria-describedby={props.description ? descriptionId : undefined}
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

/** A labelled file picker that hands over the file's text; nothing is sent anywhere by picking it. */
export function FileField(props: {
  label: string;
  accept: string;
  description?: string;
  onFile(file: File | null): void;
}) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <FormField
      type="file"
      label={<FormLabel htmlFor={id}>{props.label}</FormLabel>}
      description={
        props.description ? (
          <FormFieldDescription id={descriptionId}>{props.description}</FormFieldDescription>
        ) : undefined
      }
      input={
        <input
          id={id}
          type="file"
          className="utrecht-textbox kp-file"
          accept={props.accept}
          aria-describedby={props.description ? descriptionId : undefined}
          onChange={(event) => props.onFile(event.currentTarget.files?.[0] ?? null)}
        />
      }
    />
  );
}
