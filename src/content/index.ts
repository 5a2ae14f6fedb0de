/**
 * Content script entry. Runs at document_idle in every frame of every page, so where there is
 * nothing to mark it must cost almost nothing: one walk of the text, no element added.
 */
import { CORE_TOPIC_IDS } from '../knowledge/types';
import { createTopicMatcher } from '../matching';
import { markStylesCss } from '../ui/mark-styles';
import { Highlighter } from './highlighter';
import { Scanner } from './scanner';

const DEFAULT_COLORS = {
  'korean-war': '#ffd166',
  'sino-north-korean-treaty': '#9be7d4',
  'sino-vietnamese-war': '#d9c8ff',
};

function main(): void {
  if (!Highlighter.supported(window) || !document.documentElement) return;
  const highlighter = new Highlighter(document);
  highlighter.setCss(
    markStylesCss(
      CORE_TOPIC_IDS.map((topic) => ({ topic, color: DEFAULT_COLORS[topic] })),
      'both',
    ),
  );
  highlighter.styleTree(document);
  const scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter);
  void scanner.start();
}

main();
