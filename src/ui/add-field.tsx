import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './button';

export interface AddFieldProps {
  readonly id: string;
  readonly label: string;
  readonly buttonLabel: string;
  readonly hint?: ComponentChildren;
  readonly placeholder?: string;
  /** Adds `value` and returns null, or returns why it cannot be added (nothing is added then). */
  readonly onAdd: (value: string) => string | null;
}

/**
 * A text field with an Add button that validates on submit: the reason for a refusal is shown
 * under the field, tied to it with aria-describedby and announced, and the text stays for fixing.
 */
export function AddField({ id, label, buttonLabel, hint, placeholder, onAdd }: AddFieldProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form
      class="yl-field"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problem = onAdd(value);
        setError(problem);
        if (problem === null) setValue('');
      }}
    >
      <label class="yl-field__label" for={id}>
        {label}
      </label>
      {hint ? (
        <p class="yl-field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div class="yl-field__row">
        <input
          class="yl-input"
          id={id}
          type="text"
          value={value}
          placeholder={placeholder}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(event) => {
            setValue(event.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <Button type="submit">{buttonLabel}</Button>
      </div>
      {error ? (
        <p class="yl-field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
