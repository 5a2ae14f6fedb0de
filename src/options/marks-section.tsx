import { TOPIC_NAMES } from '../knowledge/names';
import type { MarkStyle, Settings } from '../settings';
import { ChoiceGroup } from '../ui/choice-group';
import { ColorPicker } from '../ui/color-picker';
import { Section } from '../ui/section';
import { MarkPreview } from './mark-preview';
import type { SettingsModel } from './use-settings';

const STYLE_CHOICES = [
  { value: 'both', label: 'Background and underline', description: 'Easiest to spot.' },
  { value: 'background', label: 'Background', description: 'A tint behind the words.' },
  { value: 'underline', label: 'Underline', description: 'Quietest; leaves the text as it is.' },
] as const satisfies readonly { value: MarkStyle; label: string; description: string }[];

export function MarksSection({ model, settings }: { readonly model: SettingsModel; readonly settings: Settings }) {
  return (
    <Section
      id="marks"
      title="Marks"
      description="How marked words look. The palette’s tints keep black text easy to read and stand out on light and dark pages alike."
    >
      <MarkPreview settings={settings} />
      <div class="yl-stack">
        <ChoiceGroup
          name="mark-style"
          legend="Style"
          value={settings.markStyle}
          choices={STYLE_CHOICES}
          onChange={(markStyle) =>
            model.update((draft) => {
              draft.markStyle = markStyle;
            })
          }
        />
        <fieldset class="yl-choices">
          <legend class="yl-choices__legend">Colours</legend>
          <ul class="yl-color-rows">
            {TOPIC_NAMES.map((topic) => (
              <li class={`yl-color-row${settings.topics[topic.id].enabled ? '' : ' is-off'}`} key={topic.id}>
                <span class="yl-color-row__name">
                  <span
                    class="yl-color-row__sample"
                    style={{ background: settings.topics[topic.id].color }}
                    aria-hidden="true"
                  />
                  {topic.displayName}
                  {settings.topics[topic.id].enabled ? null : <span class="yl-color-row__off"> (off)</span>}
                </span>
                <ColorPicker
                  name={`color-${topic.id}`}
                  legend={topic.displayName}
                  value={settings.topics[topic.id].color}
                  onChange={(hex, continuous) =>
                    model.update(
                      (draft) => {
                        draft.topics[topic.id].color = hex;
                      },
                      { settle: continuous },
                    )
                  }
                />
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
    </Section>
  );
}
