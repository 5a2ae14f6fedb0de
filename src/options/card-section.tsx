import { type CardOpenOn, LIMITS, type Settings } from '../settings';
import { ChoiceGroup } from '../ui/choice-group';
import { Section } from '../ui/section';
import type { SettingsModel } from './use-settings';

const OPEN_CHOICES = [
  {
    value: 'hover',
    label: 'When the pointer rests on a mark',
    description: 'After the delay below. A tap or a click opens it too.',
  },
  { value: 'click', label: 'Only when I click a mark', description: 'Nothing opens while you move the pointer.' },
] as const satisfies readonly { value: CardOpenOn; label: string; description: string }[];

export function CardSection({ model, settings }: { readonly model: SettingsModel; readonly settings: Settings }) {
  const { dwellMs, openOn } = settings.card;
  const hover = openOn === 'hover';
  return (
    <Section
      id="card"
      title="Card"
      description="The card explains a marked topic: why it matters to North Korea’s mistrust of China, with quotes and checked facts."
    >
      <div class="yl-stack">
        <ChoiceGroup
          name="card-open"
          legend="Open the card"
          value={openOn}
          choices={OPEN_CHOICES}
          onChange={(value) =>
            model.update((draft) => {
              draft.card.openOn = value;
            })
          }
        />
        <div class={`yl-field yl-range${hover ? '' : ' is-disabled'}`}>
          <div class="yl-range__head">
            <label class="yl-field__label" for="dwell">
              Delay before the card opens
            </label>
            <output class="yl-range__value" for="dwell" id="dwell-value">
              {dwellMs} ms
            </output>
          </div>
          <input
            id="dwell"
            class="yl-range__input"
            type="range"
            min={LIMITS.dwellMinMs}
            max={LIMITS.dwellMaxMs}
            step={50}
            value={dwellMs}
            disabled={!hover}
            aria-valuetext={`${dwellMs} milliseconds`}
            aria-describedby="dwell-hint"
            onInput={(event) => {
              const value = Number(event.currentTarget.value);
              model.update(
                (draft) => {
                  draft.card.dwellMs = value;
                },
                { settle: true },
              );
            }}
          />
          <div class="yl-range__scale" aria-hidden="true">
            <span>Opens at once</span>
            <span>{(LIMITS.dwellMaxMs / 1000).toFixed(1)} s</span>
          </div>
          <p class="yl-field__hint" id="dwell-hint">
            {hover
              ? 'How long the pointer must rest on a mark. A longer delay keeps cards from opening as you move across the page.'
              : 'The delay applies only when cards open on hover.'}
          </p>
        </div>
      </div>
    </Section>
  );
}
