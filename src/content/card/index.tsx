/**
 * The in-page card: wires the pointer, the keyboard and the page's mentions to the controller
 * (controller.ts), renders the view (view.tsx) into the `<yalu-lens>` host (host.ts) and places it
 * (placement.ts). One per frame, like the rest of the content script.
 *
 * Listening costs the page little: the pointer listeners are passive, on the window in the
 * capture phase (so a page that stops propagation cannot blind them), do nothing on a page without
 * marks, and hit-test at most once per animation frame. The card's prose comes from the background
 * the first time a topic is shown and is kept for the life of the page.
 */
import { render } from 'preact';
import { topicNamesById } from '../../knowledge/names';
import type { ArticleInfo, TopicCard, TopicId } from '../../knowledge/types';
import type { MentionWalkReply, WalkDirection } from '../../messages';
import type { Settings } from '../../settings';
import type { ContentApp } from '../app';
import type { Mention } from '../scanner';
import type { WindowInput } from '../window-input';
import { pauseSite, type SettingsChange, withTopicMarked } from './actions';
import { CardController, type PointerPlace } from './controller';
import { blockedByModal, mentionAt, modalDialogAround } from './hit-test';
import { type CardHost, createCardHost } from './host';
import { isRtl, placeCard, rangeBox, scrollRangeIntoView } from './placement';
import { type CardNotice, CardView, type MentionPosition, TITLE_ID, UNDO_ID } from './view';

export interface CardDeps {
  loadTopic(topic: TopicId): Promise<TopicCard>;
  loadArticle(): Promise<ArticleInfo>;
  /** Stores an edit from `base` to `next` (merged into what is stored then). */
  saveSettings(base: Settings, next: Settings): Promise<unknown>;
}

/** How long a card waits for its mention to come into view (a smooth scroll) before giving up. */
const SHOW_TIMEOUT_MS = 2000;

interface Shown {
  /** The mention the card is anchored to. */
  mention: Mention;
  /** The topic shown: the mention's own, or a related one the reader switched to. */
  topic: TopicId;
  /** Topics to go back to, most recent last. */
  trail: TopicId[];
  notice: CardNotice | null;
  undo: ((current: Settings) => Settings) | null;
  /**
   * Set by the card's own settings actions: the marks go away (or come back after a rescan), and
   * the card stays to say so rather than closing with its mark.
   */
  detached: boolean;
}

function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function sameMention(a: Mention, b: Mention): boolean {
  if (a.topic !== b.topic || a.range.startContainer.getRootNode() !== b.range.startContainer.getRootNode())
    return false;
  return (
    a.range.compareBoundaryPoints(Range.START_TO_START, b.range) === 0 &&
    a.range.compareBoundaryPoints(Range.END_TO_END, b.range) === 0
  );
}

/** Alt+Shift+Y and Alt+Shift+U, the default command keys, by key position (Alt changes the character). */
function commandKey(event: KeyboardEvent): WalkDirection | undefined {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  if (event.code === 'KeyY') return 'next';
  if (event.code === 'KeyU') return 'previous';
  return undefined;
}

export class CardFeature {
  private readonly controller: CardController<Mention>;
  private readonly view: Window;
  private index = new Map<AbstractRange, Mention>();
  private shadowRoots: ShadowRoot[] = [];
  private host: CardHost | undefined;
  private shown: Shown | undefined;
  private stopPlacement: (() => void) | undefined;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where focus was before it moved into the card, to return it there on close. */
  private returnFocus: Element | null = null;
  /** Set by the keyboard paths: move focus into the card once it is shown. */
  private focusOnShow = false;
  private lastWalked: Mention | undefined;
  private pointer: { x: number; y: number; onCard: boolean } | undefined;
  private frame = 0;
  private openToken = 0;
  private readonly topics = new Map<TopicId, Promise<TopicCard>>();
  private article: Promise<ArticleInfo> | undefined;
  /** What has arrived of the above, so a card renders without waiting a turn. */
  private readonly loadedTopics = new Map<TopicId, TopicCard>();
  private loadedArticle: ArticleInfo | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  private pendingSaves = 0;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly app: ContentApp,
    private readonly doc: Document,
    private readonly deps: CardDeps,
    input: WindowInput,
  ) {
    this.view = doc.defaultView ?? window;
    this.controller = new CardController<Mention>({
      dwellMs: () => app.settings.card.dwellMs,
      openOn: () => app.settings.card.openOn,
      prefetch: (mention) => void Promise.all([this.load(mention.topic), this.loadArticle()]).catch(() => undefined),
      open: (mention) => this.open(mention),
      close: () => this.hide(),
    });
    app.onChange(() => this.mentionsChanged());
    // The popup's "On this page" rows scroll to a mention and ask for its card.
    app.onShowMention((mention) => this.controller.press(mention, 'click'));
    this.mentionsChanged();
    // The window's listeners were added at document_start (window-input.ts), before the page's.
    this.unsubscribe = [
      input.on('pointermove', this.onPointerMove),
      input.on('pointerout', this.onPointerOut),
      input.on('pointerdown', this.onPointerDown),
      input.on('click', this.onClick),
      input.on('keydown', this.onKeyDown),
    ];
  }

  /** Closes the card, removes its host and stops listening (the extension went away). */
  dispose(): void {
    for (const stop of this.unsubscribe) stop();
    this.controller.close('gone');
    this.hide();
    if (this.frame) this.view.cancelAnimationFrame(this.frame);
    this.host?.element.remove();
    this.host = undefined;
  }

  /**
   * True while settings this card changed are being stored. Their storage.onChanged echoes can
   * arrive after the reader already undid the change; the card has applied the latest settings
   * itself, so the content script skips those echoes rather than flicker back through them.
   */
  get savingSettings(): boolean {
    return this.pendingSaves > 0;
  }

  /**
   * The keyboard command: the next (or previous) marked mention on the page, in document order
   * across topics, scrolled into view with its card open and focus in it.
   */
  walk(direction: WalkDirection): MentionWalkReply {
    const mentions = this.walkable();
    if (mentions.length === 0) return { total: 0, index: null, topic: null };
    const from =
      this.shown?.mention ?? (this.lastWalked && this.index.has(this.lastWalked.range) ? this.lastWalked : undefined);
    const at = from ? mentions.indexOf(from) : -1;
    const step = direction === 'next' ? 1 : -1;
    let target: number;
    if (at >= 0) target = (at + step + mentions.length) % mentions.length;
    else if (direction === 'next') {
      // Nothing walked yet: start where the reader is, not at the top of the page.
      const below = mentions.findIndex((mention) => (rangeBox(mention.range)?.bottom ?? 0) > 0);
      target = Math.max(below, 0);
    } else {
      const height = this.view.innerHeight;
      const above = mentions.findLastIndex((mention) => (rangeBox(mention.range)?.top ?? height) < height);
      target = above >= 0 ? above : mentions.length - 1;
    }
    const mention = mentions[target] as Mention;
    this.goTo(mention, true);
    return { total: mentions.length, index: target + 1, topic: mention.topic };
  }

  // Pointer

  private readonly onPointerMove = (event: PointerEvent): void => {
    // Touch moves are scrolls and drags, not a pointer resting on a mark; a tap opens by click.
    if (event.pointerType === 'touch') return;
    if (this.index.size === 0 && !this.controller.openMention) return;
    this.pointer = { x: event.clientX, y: event.clientY, onCard: this.isOurs(event) };
    if (!this.frame) this.frame = this.view.requestAnimationFrame(this.processPointer);
  };

  private readonly onPointerOut = (event: PointerEvent): void => {
    // Leaving the window (or into a frame of another document): the pointer is on nothing of ours.
    if (event.relatedTarget !== null || event.pointerType === 'touch') return;
    if (!this.controller.openMention && this.index.size === 0) return;
    this.pointer = undefined;
    if (this.frame) this.view.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.controller.pointerAt({ kind: 'nowhere' });
  };

  private readonly processPointer = (): void => {
    this.frame = 0;
    const pointer = this.pointer;
    if (!pointer) return;
    this.controller.pointerAt(pointer.onCard ? { kind: 'card' } : this.placeAt(pointer.x, pointer.y));
  };

  private placeAt(x: number, y: number): PointerPlace<Mention> {
    const mention = this.reachableMentionAt(x, y);
    return mention ? { kind: 'mention', mention } : { kind: 'nowhere' };
  }

  /** The mention under (x, y), unless a page's modal dialog makes it inert (under its backdrop). */
  private reachableMentionAt(x: number, y: number): Mention | undefined {
    const mention = mentionAt(this.doc, x, y, this.index, this.shadowRoots);
    return mention && !blockedByModal(this.doc, x, y, mention.range.startContainer) ? mention : undefined;
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (!this.controller.openMention || this.isOurs(event)) return;
    // A press on a mark is a click on it (onClick); anywhere else it dismisses the card.
    if (this.reachableMentionAt(event.clientX, event.clientY)) return;
    this.controller.pressOutside();
  };

  private readonly onClick = (event: MouseEvent): void => {
    // detail 0: a click made with the keyboard (Enter on a link), which has no position.
    if (event.detail === 0 || event.button !== 0 || this.index.size === 0 || this.isOurs(event)) return;
    // Modifier clicks open links elsewhere; a click that ends a text selection is about the text.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const selection = this.view.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim() !== '') return;
    const mention = this.reachableMentionAt(event.clientX, event.clientY);
    // The page's default action (following a link around the mark) is left alone.
    if (mention) this.controller.press(mention, 'click');
  };

  private isOurs(event: Event): boolean {
    return this.host !== undefined && event.target === this.host.element;
  }

  // Keyboard

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!this.controller.openMention) return;
    const inCard = this.focusInCard();
    if (event.key === 'Escape') {
      // Dismissing the card is all this Escape does (WCAG 1.4.13): the default is prevented even
      // with focus in the page, or it would also close the page's modal dialog under the card
      // (a close request). The page's own listeners still hear the key.
      event.preventDefault();
      this.controller.escape();
      return;
    }
    // The command keys reach the page only where the browser did not take them (shortcut unset).
    const command = commandKey(event);
    if (command) {
      event.preventDefault();
      this.walk(command);
      return;
    }
    if (!inCard || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    const key = event.key.toLowerCase();
    if (key === 'n' || key === 'p') {
      event.preventDefault();
      this.stepWithinTopic(key === 'n' ? 'next' : 'previous');
    }
  };

  private focusInCard(): boolean {
    return Boolean(this.host?.root.activeElement);
  }

  // Mentions

  private mentionsChanged(): void {
    const scanner = this.app.activeScanner;
    const index = new Map<AbstractRange, Mention>();
    const roots = new Set<ShadowRoot>();
    for (const mention of scanner?.currentMentions ?? []) {
      index.set(mention.range, mention);
      const root = mention.range.startContainer.getRootNode();
      if (root.nodeType === 11) roots.add(root as ShadowRoot);
    }
    this.index = index;
    this.shadowRoots = [...roots];
    const shown = this.shown;
    if (!shown) return;
    if (!index.has(shown.mention.range)) {
      // A rescan of the mention's block makes new Ranges for the same text: follow them.
      const same = [...index.values()].find((mention) => sameMention(mention, shown.mention));
      const { settings } = this.app;
      if (same) {
        this.controller.replace(shown.mention, same);
        shown.mention = same;
        shown.detached = false;
      } else if (!settings.topics[shown.mention.topic].enabled || this.app.paused) {
        // The marks went with a setting (here or in another tab): the card stays and says so.
        shown.detached = true;
      } else if (!shown.detached) {
        // The mention's text went away.
        this.controller.close('gone');
        return;
      }
    }
    this.renderCard();
  }

  /** Mentions with a box on screen, in document order: hidden ones cannot be shown. */
  private walkable(topic?: TopicId): Mention[] {
    const mentions = this.app.activeScanner?.orderedMentions() ?? [];
    return mentions.filter((mention) => (!topic || mention.topic === topic) && rangeBox(mention.range) !== null);
  }

  /**
   * Scrolls to `mention` and opens its card. The command moves focus to the card (its content
   * changes wholesale, so whatever had focus in it may be gone); the card's own previous and
   * next leave focus on the button pressed.
   */
  private goTo(mention: Mention, moveFocus: boolean): void {
    this.lastWalked = mention;
    scrollRangeIntoView(mention.range);
    if (moveFocus && !this.focusInCard()) this.returnFocus = deepActiveElement(this.doc);
    this.focusOnShow = moveFocus;
    this.controller.press(mention, 'keyboard');
  }

  /** The card's previous and next buttons (and N and P): mentions of the topic shown. */
  private stepWithinTopic(direction: WalkDirection): void {
    const shown = this.shown;
    if (!shown) return;
    const mentions = this.walkable(shown.topic);
    if (mentions.length === 0) return;
    const at = mentions.indexOf(shown.mention);
    let target: number;
    if (at >= 0) target = (at + (direction === 'next' ? 1 : -1) + mentions.length) % mentions.length;
    else {
      // Anchored to a mention of another topic (after a related link): the nearest one onward.
      const after = mentions.findIndex(
        (mention) =>
          mention.range.startContainer.getRootNode() !== shown.mention.range.startContainer.getRootNode() ||
          mention.range.compareBoundaryPoints(Range.START_TO_START, shown.mention.range) > 0,
      );
      if (direction === 'next') target = Math.max(after, 0);
      else target = (after >= 0 ? after : mentions.length) - 1;
      if (target < 0) target = mentions.length - 1;
    }
    this.goTo(mentions[target] as Mention, false);
  }

  // Opening and closing

  private load(topic: TopicId): Promise<TopicCard> {
    let loading = this.topics.get(topic);
    if (!loading) {
      loading = this.deps.loadTopic(topic);
      loading.then(
        (card) => this.loadedTopics.set(topic, card),
        // A failed load (the extension was reloaded under the page) may succeed next time.
        () => this.topics.delete(topic),
      );
      this.topics.set(topic, loading);
    }
    return loading;
  }

  private loadArticle(): Promise<ArticleInfo> {
    if (!this.article) {
      this.article = this.deps.loadArticle();
      this.article.then(
        (article) => {
          this.loadedArticle = article;
        },
        () => {
          this.article = undefined;
        },
      );
    }
    return this.article;
  }

  private open(mention: Mention): void {
    const current = this.shown;
    // The mark of the card already open: a click only pins it, the command only moves focus.
    if (current && current.mention === mention && this.stopPlacement) {
      if (this.focusOnShow && this.host?.popover.hasAttribute('data-placed')) {
        this.focusOnShow = false;
        this.dialog()?.focus({ preventScroll: true });
      }
      return;
    }
    this.shown = { mention, topic: mention.topic, trail: [], notice: null, undo: null, detached: false };
    const token = ++this.openToken;
    void Promise.all([this.load(mention.topic), this.loadArticle()]).then(
      () => {
        if (token === this.openToken) this.present();
      },
      () => {
        if (token === this.openToken) this.controller.close('gone');
      },
    );
  }

  /** Renders the shown card, brings it into the top layer and places it at its mention. */
  private present(): void {
    const shown = this.shown;
    if (!shown) return;
    if (!this.host?.element.isConnected) {
      this.host = createCardHost(this.doc);
      this.host.root.addEventListener('focusin', this.onFocusIn);
    }
    // Everything outside a page's modal dialog is inert, the top layer included: a card whose host
    // sits after <body> would show above the dialog but take no pointer and no focus. For a
    // mention inside the modal, the host goes into the dialog while the card is open (a box-less
    // element, display: contents), and back out on close. Moving it closes the popover; it is
    // shown again below.
    const parent = modalDialogAround(shown.mention.range.startContainer) ?? this.doc.documentElement;
    if (this.host.element.parentNode !== parent) parent.append(this.host.element);
    const { popover } = this.host;
    this.renderCard();
    if (!popover.matches(':popover-open')) popover.showPopover();
    this.stopPlacement?.();
    clearTimeout(this.showTimer);
    this.showTimer = setTimeout(() => this.controller.close('hidden'), SHOW_TIMEOUT_MS);
    const { mention } = shown;
    this.stopPlacement = placeCard(mention.range, popover, {
      rtl: isRtl(mention.range),
      onShown: () => {
        clearTimeout(this.showTimer);
        if (this.focusOnShow) {
          this.focusOnShow = false;
          this.dialog()?.focus({ preventScroll: true });
        }
      },
      onHidden: () => this.controller.close('hidden'),
    });
  }

  private readonly onFocusIn = (event: Event): void => {
    // Focus arriving from the page (Tab): remember where it came from.
    const from = (event as FocusEvent).relatedTarget as Element | null;
    if (!this.returnFocus && from && from !== this.host?.element) this.returnFocus = from;
  };

  private hide(): void {
    this.openToken++;
    const focusWasInCard = this.focusInCard();
    this.stopPlacement?.();
    this.stopPlacement = undefined;
    clearTimeout(this.showTimer);
    this.focusOnShow = false;
    this.shown = undefined;
    if (this.host) {
      render(null, this.host.popover);
      if (this.host.popover.matches(':popover-open')) this.host.popover.hidePopover();
      // Out of the page's modal dialog again (see present), so the page's markup is its own.
      const root = this.doc.documentElement;
      if (this.host.element.parentNode !== root && this.host.element.isConnected) root.append(this.host.element);
    }
    const back = this.returnFocus;
    this.returnFocus = null;
    if (!focusWasInCard) return;
    if (back?.isConnected && back !== this.doc.body && typeof (back as HTMLElement).focus === 'function') {
      (back as HTMLElement).focus({ preventScroll: true });
    } else (deepActiveElement(this.doc) as HTMLElement | null)?.blur?.();
  }

  private dialog(): HTMLElement | null {
    return this.host?.popover.querySelector<HTMLElement>('[role="dialog"]') ?? null;
  }

  // Rendering

  private position(topic: TopicId, anchor: Mention): MentionPosition {
    const mentions = this.walkable(topic);
    const at = mentions.indexOf(anchor);
    return { index: at >= 0 ? at + 1 : null, total: mentions.length };
  }

  /** Renders the shown card from what has loaded (callers load first). */
  private renderCard(): void {
    const shown = this.shown;
    const host = this.host;
    const topic = shown && this.loadedTopics.get(shown.topic);
    const article = this.loadedArticle;
    if (!shown || !host || !topic || !article) return;
    const { settings } = this.app;
    const hostname = this.doc.location?.hostname ?? '';
    render(
      <CardView
        topic={topic}
        article={article}
        color={settings.topics[shown.topic].color}
        marked={settings.topics[shown.topic].enabled}
        position={this.position(shown.topic, shown.mention)}
        back={shown.trail.length > 0 ? topicNamesById(shown.trail.at(-1) as TopicId).displayName : null}
        canPause={Boolean(hostname) && !this.app.paused}
        notice={shown.notice}
        relatedName={(id) => topicNamesById(id).displayName}
        actions={{
          close: () => this.controller.close('dismissed'),
          previous: () => this.stepWithinTopic('previous'),
          next: () => this.stepWithinTopic('next'),
          related: (id) => this.switchTopic(id, 'forward'),
          back: () => this.switchTopic(shown.trail.at(-1) as TopicId, 'back'),
          toggleTopic: () => this.toggleTopic(),
          pauseSite: () => this.pause(),
          undo: () => this.undo(),
        }}
      />,
      host.popover,
    );
  }

  /** A related link: the card shows that topic in place, still anchored to the same mention. */
  private switchTopic(topic: TopicId, how: 'forward' | 'back'): void {
    const shown = this.shown;
    if (!shown) return;
    this.controller.pin();
    const hadFocus = this.focusInCard();
    this.load(topic).then(
      () => {
        if (this.shown !== shown) return;
        if (how === 'forward') shown.trail.push(shown.topic);
        else shown.trail.pop();
        shown.topic = topic;
        shown.notice = null;
        shown.undo = null;
        this.renderCard();
        // Focus would be lost with the button that was pressed; the new title is where to read on.
        if (hadFocus) this.host?.root.getElementById(TITLE_ID)?.focus({ preventScroll: true });
      },
      // The background is gone (the extension was updated under the page): the card stays as it is.
      () => undefined,
    );
  }

  // Settings actions

  private toggleTopic(): void {
    const shown = this.shown;
    if (!shown) return;
    const marked = !this.app.settings.topics[shown.topic].enabled;
    const name = topicNamesById(shown.topic).displayName;
    this.commitChange(withTopicMarked(this.app.settings, shown.topic, marked), { kind: 'topic', name, marked });
  }

  private pause(): void {
    const hostname = this.doc.location?.hostname ?? '';
    const result = pauseSite(this.app.settings, hostname);
    if ('error' in result) {
      this.showNotice({ kind: 'error', message: result.error }, null);
      return;
    }
    const site = result.next.sites.patterns.find((pattern) => !this.app.settings.sites.patterns.includes(pattern));
    this.commitChange(result, { kind: 'paused', site: site ?? hostname });
  }

  private undo(): void {
    const shown = this.shown;
    if (!shown?.undo) return;
    const next = shown.undo(this.app.settings);
    shown.notice = null;
    shown.undo = null;
    shown.detached = true;
    this.save(next);
    this.renderCard();
    // The Undo button is gone with its notice.
    this.dialog()?.focus({ preventScroll: true });
  }

  private commitChange(change: SettingsChange, notice: CardNotice): void {
    if (this.shown) this.shown.detached = true;
    this.showNotice(notice, change.undo);
    this.save(change.next);
  }

  private showNotice(notice: CardNotice, undo: ((current: Settings) => Settings) | null): void {
    const shown = this.shown;
    if (!shown) return;
    this.controller.pin();
    shown.notice = notice;
    shown.undo = undo;
    this.renderCard();
    // The pressed button may be gone; the notice's Undo is the next thing to reach for.
    (this.host?.root.getElementById(UNDO_ID) ?? this.dialog())?.focus({ preventScroll: true });
  }

  /**
   * Applies the settings in this frame at once, then stores the change for every other tab and
   * frame: as an edit of the settings it started from, merged into what is stored by then, so a
   * change made meanwhile on the options page is not put back.
   */
  private save(next: Settings): void {
    const base = this.app.settings;
    this.app.apply(next);
    this.pendingSaves++;
    this.saving = this.saving
      .then(() => this.deps.saveSettings(base, next))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.showNotice({ kind: 'error', message }, null);
      })
      .finally(() => {
        this.pendingSaves--;
      });
  }
}
