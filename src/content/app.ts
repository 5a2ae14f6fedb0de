/**
 * The content script's state in one frame: the settings in force, the highlighter and the
 * scanner. Settings changes (from any context, through storage.onChanged) are applied live:
 * topics and custom terms rebuild the matcher and re-mark; colours and style only swap CSS;
 * a paused site or "pause everywhere" removes every mark until resumed.
 */
import { createTopicMatcher } from '../matching';
import { customTermList, enabledTopics, isSiteActive, type Settings } from '../settings';
import { markStylesCss } from '../ui/mark-styles';
import { Highlighter } from './highlighter';
import { Scanner } from './scanner';

function matcherKey(settings: Settings): string {
  return JSON.stringify([enabledTopics(settings), customTermList(settings)]);
}

function stylesCss(settings: Settings): string {
  const colors = enabledTopics(settings).map((topic) => ({ topic, color: settings.topics[topic].color }));
  return markStylesCss(colors, settings.markStyle);
}

export class ContentApp {
  private highlighter: Highlighter | undefined;
  private scanner: Scanner | undefined;
  private appliedMatcherKey = '';
  private appliedCss = '';
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly doc: Document,
    private settingsInForce: Settings,
  ) {}

  get settings(): Settings {
    return this.settingsInForce;
  }

  /** The running scanner, or undefined while this site is paused. */
  get activeScanner(): Scanner | undefined {
    return this.scanner;
  }

  /** Called whenever the marks change (a pass found or dropped mentions, or settings changed). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.changeListeners) listener();
  }

  apply(settings: Settings): void {
    this.settingsInForce = settings;
    const active = isSiteActive(settings, this.doc.location?.hostname ?? '') && enabledTopics(settings).length > 0;
    if (!active) {
      this.stop();
      return;
    }
    if (!this.highlighter) {
      this.highlighter = new Highlighter(this.doc);
      this.highlighter.styleTree(this.doc);
    }
    const css = stylesCss(settings);
    if (css !== this.appliedCss) {
      this.highlighter.setCss(css);
      this.appliedCss = css;
    }
    const key = matcherKey(settings);
    const matcher =
      key === this.appliedMatcherKey
        ? undefined
        : createTopicMatcher(enabledTopics(settings), customTermList(settings));
    this.appliedMatcherKey = key;
    if (!this.scanner) {
      this.scanner = new Scanner(this.doc, matcher ?? createTopicMatcher(enabledTopics(settings)), this.highlighter);
      this.scanner.onChange(() => this.emit());
      void this.scanner.start();
    } else if (matcher) {
      void this.scanner.setMatcher(matcher);
    }
  }

  /** Removes every mark and stops following the page (paused, or the extension went away). */
  stop(): void {
    const hadMarks = Boolean(this.scanner);
    this.scanner?.dispose();
    this.scanner = undefined;
    this.highlighter?.dispose();
    this.highlighter = undefined;
    this.appliedMatcherKey = '';
    this.appliedCss = '';
    if (hadMarks) this.emit();
  }
}
