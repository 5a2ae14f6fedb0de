/**
 * The content script's state in one frame: the settings in force, the highlighter and the
 * scanner. Settings changes (from any context, through storage.onChanged) are applied live:
 * topics and custom terms rebuild the matcher and re-mark; colours and style only swap CSS;
 * a paused site or "pause everywhere" removes every mark until resumed.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { createTopicMatcher } from '../matching';
import { customTermList, enabledTopics, isSiteActive, type PauseReason, pauseReason, type Settings } from '../settings';
import { markStylesCss } from '../ui/mark-styles';
import { Highlighter } from './highlighter';
import { isMarkable } from './markable';
import { type Mention, Scanner } from './scanner';

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
  private readonly showMentionListeners = new Set<(mention: Mention) => void>();
  private pausedFor: PauseReason | undefined;

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

  /** Why marking is paused on this page (the site, or everywhere), or undefined while it is not. */
  get paused(): PauseReason | undefined {
    return this.pausedFor;
  }

  /**
   * Called when a mention is brought into view on request (the popup's "On this page" rows), after
   * it was scrolled to and flashed: the hook by which the in-page card opens on it.
   */
  onShowMention(listener: (mention: Mention) => void): () => void {
    this.showMentionListeners.add(listener);
    return () => this.showMentionListeners.delete(listener);
  }

  showMention(mention: Mention): void {
    for (const listener of this.showMentionListeners) listener(mention);
  }

  apply(settings: Settings): void {
    this.settingsInForce = settings;
    const hostname = this.doc.location?.hostname ?? '';
    const paused = pauseReason(settings, hostname);
    // A pause is news to listeners (the toolbar badge) even where nothing was marked to remove.
    const pauseChanged = paused !== this.pausedFor;
    this.pausedFor = paused;
    const active = isMarkable(this.doc) && isSiteActive(settings, hostname) && enabledTopics(settings).length > 0;
    if (!active) {
      const hadMarks = Boolean(this.scanner);
      this.stop();
      if (pauseChanged && !hadMarks) this.emit();
      return;
    }
    if (!this.highlighter) {
      this.highlighter = new Highlighter(this.doc);
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
      this.scanner = new Scanner(this.doc, matcher ?? createTopicMatcher(enabledTopics(settings)), this.highlighter, {
        nameScreen: NAME_SCREEN,
      });
      this.scanner.onChange(() => this.emit());
      void this.scanner.start();
    } else if (matcher) {
      void this.scanner.setMatcher(matcher);
    }
    // Resumed: listeners hear of it now, not only once the new scan finds something.
    if (pauseChanged) this.emit();
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
