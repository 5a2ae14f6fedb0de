import { TOPIC_NAMES } from '../knowledge/names';
import { getTopic } from '../knowledge/topics';
import type { NameLang, TopicId, TopicName, TopicNames } from '../knowledge/types';
import { LIMITS, normalizeTermInput, type Settings, validateCustomTerm } from '../settings';
import { AddField } from '../ui/add-field';
import { RemovableList } from '../ui/removable-list';
import { Section } from '../ui/section';
import { Switch } from '../ui/switch';
import type { SettingsModel } from './use-settings';

export const LANGUAGE_NAMES: Record<NameLang, string> = {
  en: 'English',
  ko: 'Korean',
  'zh-Hans': 'Chinese (simplified)',
  'zh-Hant': 'Chinese (traditional)',
  ja: 'Japanese',
  vi: 'Vietnamese',
};

const LANGUAGE_ORDER: readonly NameLang[] = ['en', 'ko', 'zh-Hans', 'zh-Hant', 'ja', 'vi'];

function namesByLanguage(names: readonly TopicName[]): [NameLang, TopicName[]][] {
  return LANGUAGE_ORDER.map((lang): [NameLang, TopicName[]] => [
    lang,
    names.filter((name) => name.lang === lang),
  ]).filter(([, list]) => list.length > 0);
}

function BuiltInNames({ topic }: { readonly topic: TopicNames }) {
  return (
    <dl class="yl-names">
      {namesByLanguage(topic.names).map(([lang, names]) => (
        <div class="yl-names__group" key={lang}>
          <dt class="yl-names__lang">{LANGUAGE_NAMES[lang]}</dt>
          <dd class="yl-names__list">
            <ul class="yl-chips" aria-label={`${topic.displayName}: names in ${LANGUAGE_NAMES[lang]}`}>
              {names.map((name) => (
                <li
                  key={name.text}
                  lang={lang}
                  class={`yl-chip yl-chip--static${name.needsContext ? ' yl-chip--context' : ''}`}
                >
                  {name.text}
                  {name.needsContext ? <span class="yl-visually-hidden"> (only in context)</span> : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TopicRow({ topic, model, settings }: { topic: TopicNames; model: SettingsModel; settings: Settings }) {
  const id = topic.id;
  const card = getTopic(id);
  const terms = settings.customTerms[id] ?? [];
  const addId = `add-term-${id}`;
  const hasContextNames = topic.names.some((name) => name.needsContext);
  return (
    <li class={`yl-topic${settings.topics[id].enabled ? '' : ' is-off'}`}>
      <Switch
        id={`topic-${id}`}
        label={topic.displayName}
        checked={settings.topics[id].enabled}
        onChange={(enabled) =>
          model.update((draft) => {
            draft.topics[id].enabled = enabled;
          })
        }
        description={
          <>
            <span class="yl-topic__dates">{card.dates.display}</span> {card.summary}
          </>
        }
      />
      <details class="yl-topic__details">
        <summary>
          Names and your terms
          <span class="yl-topic__count">
            {topic.names.length} built-in, {terms.length} of yours
          </span>
        </summary>
        <div class="yl-topic__panel">
          <h4 class="yl-topic__heading">Built-in names</h4>
          <BuiltInNames topic={topic} />
          {hasContextNames ? (
            <p class="yl-topic__legend">
              <span class="yl-chip yl-chip--static yl-chip--context" aria-hidden="true">
                dashed
              </span>{' '}
              Names with a dashed outline have other meanings too, so they count only on pages about the topic’s
              countries.
            </p>
          ) : null}
          <h4 class="yl-topic__heading">Your terms</h4>
          <RemovableList
            label={`Your terms for ${topic.displayName}`}
            items={terms}
            empty="You have not added any terms for this topic."
            removeLabel={(term) => `Remove “${term}” from ${topic.displayName}`}
            focusWhenEmpty={addId}
            onRemove={(term) =>
              model.update((draft) => {
                const left = (draft.customTerms[id] ?? []).filter((other) => other !== term);
                if (left.length > 0) draft.customTerms[id] = left;
                else delete draft.customTerms[id];
              })
            }
          />
          <div class="yl-topic__add">
            <AddField
              id={addId}
              label={`Add a term for ${topic.displayName}`}
              buttonLabel="Add term"
              hint={`Plain text, matched like the built-in names: capitals, dashes and spacing do not matter. ${LIMITS.termMinLength} to ${LIMITS.termMaxLength} characters (${LIMITS.termMinLengthCjk} or more in Chinese, Japanese or Korean), up to ${LIMITS.termsPerTopic} per topic.`}
              onAdd={(value) => {
                const problem = validateCustomTerm(value, id, settings, TOPIC_NAMES);
                if (problem) return problem;
                const term = normalizeTermInput(value);
                model.update((draft) => {
                  draft.customTerms[id] = [...(draft.customTerms[id] ?? []), term];
                });
                return null;
              }}
            />
          </div>
        </div>
      </details>
    </li>
  );
}

export function TopicsSection({ model, settings }: { readonly model: SettingsModel; readonly settings: Settings }) {
  const group = (core: boolean) => TOPIC_NAMES.filter((topic) => topic.core === core);
  const list = (topics: readonly TopicNames[]) => (
    <ul class="yl-topics">
      {topics.map((topic) => (
        <TopicRow key={topic.id} topic={topic} model={model} settings={settings} />
      ))}
    </ul>
  );
  return (
    <Section
      id="topics"
      title="Topics"
      description="Choose what Yalu Lens marks on the pages you read. Each topic lists the names it looks for, and you can add your own."
    >
      <h3 class="yl-subheading">Core topics</h3>
      {list(group(true))}
      <h3 class="yl-subheading">Related topics</h3>
      <p class="yl-section__description yl-topics__intro">
        People, parties and wars around the two wars and the treaty. They are off at first because they come up often in
        everyday news.
      </p>
      {list(group(false))}
    </Section>
  );
}

export function topicName(id: TopicId): string {
  return TOPIC_NAMES.find((topic) => topic.id === id)?.displayName ?? id;
}
