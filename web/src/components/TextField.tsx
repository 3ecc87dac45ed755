import { FormFieldTextbox, type FormFieldTextboxProps } from '@utrecht/component-library-react';
import type { ChangeEvent } from 'react';

type Props = Omit<FormFieldTextboxProps, 'onChange' | 'invalid' | 'errorMessage' | 'value'> & {
  value: string;
  onValue(value: string): void;
  /** When set, the field is marked invalid and the message is linked to the input (aria-describedby). */
  error?: string;
};

/** The NL Design System text field with its label, description and error message wired up. */
export function TextField({ onValue, error, ...rest }: Props) {
  return (
    <FormFieldTextbox
      {...rest}
      invalid={Boolean(error)}
      errorMessage={error}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onValue(event.currentTarget.value)}
    />
  );
}
