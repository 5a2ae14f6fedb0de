import { MIN_TEXT_CONTRAST, PALETTE, paletteColor, textContrastOn } from '../settings/colors';

export interface ColorPickerProps {
  /** Radio group name and id prefix. */
  readonly name: string;
  /** What the colour is for ("Korean War"): the group's legend. */
  readonly legend: string;
  /** Lower-case #rrggbb. */
  readonly value: string;
  /**
   * A new colour. `continuous` is true while a custom colour is being dragged in the browser's
   * picker, so callers can wait for it to settle before saving.
   */
  readonly onChange: (hex: string, continuous: boolean) => void;
}

/**
 * A colour from the accessible palette (radio buttons drawn as swatches, named for assistive
 * technology) or a custom one from the browser's colour input, with a warning when black text on
 * it would fall below 4.5:1.
 */
export function ColorPicker({ name, legend, value, onChange }: ColorPickerProps) {
  const custom = paletteColor(value) === undefined;
  const contrast = textContrastOn(value);
  const warningId = `${name}-contrast`;
  const customId = `${name}-custom`;
  return (
    <fieldset class="yl-colors">
      <legend class="yl-visually-hidden">Colour for {legend}</legend>
      <div class="yl-colors__swatches">
        {PALETTE.map((color) => (
          <label class="yl-swatch" key={color.hex} title={color.name}>
            <input
              type="radio"
              name={name}
              value={color.hex}
              checked={color.hex === value}
              aria-label={color.name}
              onChange={() => onChange(color.hex, false)}
            />
            <span class="yl-swatch__chip" style={{ background: color.hex }} aria-hidden="true" />
          </label>
        ))}
        <span class={`yl-swatch yl-swatch--custom${custom ? ' is-selected' : ''}`}>
          <input
            type="color"
            id={customId}
            value={value}
            aria-describedby={custom && contrast < MIN_TEXT_CONTRAST ? warningId : undefined}
            onInput={(event) => onChange(event.currentTarget.value.toLowerCase(), true)}
            onChange={(event) => onChange(event.currentTarget.value.toLowerCase(), false)}
          />
          <label for={customId}>
            Custom<span class="yl-visually-hidden"> colour for {legend}</span>
          </label>
        </span>
      </div>
      {custom && contrast < MIN_TEXT_CONTRAST ? (
        <p class="yl-colors__warning" id={warningId}>
          Black text on {value} has a contrast of {contrast.toFixed(1)}:1, below the {MIN_TEXT_CONTRAST}:1 that easy
          reading needs. Choose a lighter colour.
        </p>
      ) : null}
    </fieldset>
  );
}
