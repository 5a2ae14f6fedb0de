import type { ComponentChildren } from 'preact';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly description?: ComponentChildren;
}

export interface ChoiceGroupProps<T extends string> {
  /** Shared by the radio buttons; also the prefix of their ids. */
  readonly name: string;
  readonly legend: string;
  readonly value: T;
  readonly choices: readonly Choice<T>[];
  readonly onChange: (value: T) => void;
}

/** One of a few choices, as native radio buttons drawn as cards (arrow keys move between them). */
export function ChoiceGroup<T extends string>({ name, legend, value, choices, onChange }: ChoiceGroupProps<T>) {
  return (
    <fieldset class="yl-choices">
      <legend class="yl-choices__legend">{legend}</legend>
      <div class="yl-choices__options">
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          return (
            <label class="yl-choice" key={choice.value} for={id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={choice.value}
                checked={choice.value === value}
                aria-describedby={choice.description ? `${id}-description` : undefined}
                onChange={() => onChange(choice.value)}
              />
              <span class="yl-choice__label">{choice.label}</span>
              {choice.description ? (
                <span class="yl-choice__description" id={`${id}-description`}>
                  {choice.description}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
