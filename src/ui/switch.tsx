import type { ComponentChildren } from 'preact';

export interface SwitchProps {
  readonly id: string;
  /** The switch's accessible name: keep it to the thing being switched ("Korean War"). */
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  /** Shown under the label and announced as the switch's description. */
  readonly description?: ComponentChildren;
  readonly disabled?: boolean;
  /** Language of the label, when it is not the page's. */
  readonly lang?: string;
}

/**
 * An on/off switch: a native checkbox with role="switch", so Space, focus, labels and forms all
 * work as they do for any checkbox, and assistive technology announces "on" and "off".
 */
export function Switch({ id, label, checked, onChange, description, disabled, lang }: SwitchProps) {
  const descriptionId = `${id}-description`;
  return (
    <div class="yl-switch">
      <div class="yl-switch__text">
        <label class="yl-switch__label" for={id} lang={lang}>
          {label}
        </label>
        {description ? (
          <div class="yl-switch__description" id={descriptionId}>
            {description}
          </div>
        ) : null}
      </div>
      <input
        class="yl-switch__input"
        type="checkbox"
        role="switch"
        aria-checked={checked}
        id={id}
        checked={checked}
        disabled={disabled}
        aria-describedby={description ? descriptionId : undefined}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </div>
  );
}
