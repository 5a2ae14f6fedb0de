import { useEffect, useRef } from 'preact/hooks';
import { Highlighter } from '../content/highlighter';
import { TOPIC_IDS } from '../knowledge/types';
import { createTopicMatcher, resolveContext } from '../matching';
import { customTermList, enabledTopics, type Settings } from '../settings';
import { markStylesCss } from '../ui/mark-styles';

/** Mentions of five topics, three of them core, in the article's own story. */
export const PREVIEW_TEXT =
  'When the Korean War ended in 1953, Kim Il-sung owed his state to Chinese troops. Yet he signed the ' +
  'Sino-North Korean friendship treaty of 1961 warily, mocked Mao Zedong during the Cultural Revolution ' +
  'and watched China fight the Sino-Vietnamese War of 1979.';

/**
 * The sample text on a light and on a dark page, marked by the content script's own matcher,
 * highlighter and mark styles, so what the preview shows is what pages will show.
 */
export function MarkPreview({ settings }: { readonly settings: Settings }) {
  const lightRef = useRef<HTMLParagraphElement>(null);
  const darkRef = useRef<HTMLParagraphElement>(null);
  const look = JSON.stringify([settings.topics, settings.markStyle, settings.customTerms]);

  // Keyed on `look`, not `settings`: the card delay or the site list changing must not redraw the marks.
  useEffect(() => {
    if (!Highlighter.supported(window)) return;
    const highlighter = new Highlighter(document);
    highlighter.setCss(
      markStylesCss(
        TOPIC_IDS.map((topic) => ({ topic, color: settings.topics[topic].color })),
        settings.markStyle,
      ),
    );
    highlighter.styleTree(document);
    const { matches, cues } = createTopicMatcher(enabledTopics(settings), customTermList(settings)).scan(PREVIEW_TEXT);
    const counted = resolveContext(matches, cues);
    for (const paragraph of [lightRef.current, darkRef.current]) {
      const text = paragraph?.firstChild;
      if (!(text instanceof Text)) continue;
      for (const match of counted) {
        const range = document.createRange();
        range.setStart(text, match.start);
        range.setEnd(text, match.end);
        highlighter.add(match.topic, range);
      }
    }
    return () => highlighter.dispose();
  }, [look]);

  return (
    <figure class="yl-preview">
      <div class="yl-preview__panes">
        <div class="yl-preview__pane yl-preview__pane--light">
          <span class="yl-preview__caption" aria-hidden="true">
            Light page
          </span>
          <p ref={lightRef}>{PREVIEW_TEXT}</p>
        </div>
        <div class="yl-preview__pane yl-preview__pane--dark" aria-hidden="true">
          <span class="yl-preview__caption">Dark page</span>
          <p ref={darkRef}>{PREVIEW_TEXT}</p>
        </div>
      </div>
      <figcaption class="yl-preview__note">
        Preview: the topics you turn on are marked here exactly as on a web page.
      </figcaption>
    </figure>
  );
}
