/**
 * The card as Preact components: what a topic is, why it matters, a quote with its citation, the
 * fact-check, related topics, where this mention sits among the page's mentions, and the two
 * actions. It holds no state of its own: the card feature (index.ts) renders it again whenever
 * something changes, so what is on screen is always a function of the props.
 */
import type { ComponentChildren } from 'preact';
import type { ArticleInfo, FactCheck, TopicCard, TopicId } from '../../knowledge/types';
import { ArticleQuote } from '../../ui/article-quote';
import { Button } from '../../ui/button';
import { ExternalLink } from '../../ui/external-link';
import { Note } from '../../ui/note';

export const TITLE_ID = 'yl-card-title';
export const UNDO_ID = 'yl-card-undo';

export type CardNotice =
  | { readonly kind: 'topic'; readonly name: string; readonly marked: boolean }
  | { readonly kind: 'paused'; readonly site: string }
  | { readonly kind: 'error'; readonly message: string };

/** Where the shown mention is among the marked mentions of the shown topic on this page. */
export interface MentionPosition {
  /** 1-based; null when the card is anchored to a mention of another topic (a related one). */
  readonly index: number | null;
  readonly total: number;
}

export interface CardActions {
  close(): void;
  previous(): void;
  next(): void;
  related(topic: TopicId): void;
  back(): void;
  toggleTopic(): void;
  pauseSite(): void;
  undo(): void;
}

export interface CardViewProps {
  readonly topic: TopicCard;
  readonly article: ArticleInfo;
  /** The topic's mark colour (a light tint). */
  readonly color: string;
  /** Whether the topic is marked (enabled in the settings). */
  readonly marked: boolean;
  readonly position: MentionPosition;
  /** The topic to go back to after following a related link. */
  readonly back: string | null;
  /** False where there is no site to pause, or marks are already paused here. */
  readonly canPause: boolean;
  readonly notice: CardNotice | null;
  readonly relatedName: (topic: TopicId) => string;
  readonly actions: CardActions;
}

function Icon({ path }: { readonly path: string }) {
  return (
    <svg class="yl-card__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

const ICONS = {
  close: 'M4 4l8 8M12 4l-8 8',
  previous: 'M10 3.5 5.5 8l4.5 4.5',
  next: 'M6 3.5 10.5 8 6 12.5',
  // A marker pen with a stroke through it, and a pause sign: what the two actions stop.
  unmark: 'M2.5 2.5l11 11M9.5 3.5l3 3-4.2 4.2M6.8 6.8 4 9.6v2.4h2.4l2.8-2.8M2.5 14h6',
  mark: 'M9.5 3.5l3 3-6.1 6.1H4v-2.4zM2.5 14h6',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
} as const;

function Section({
  title,
  id,
  children,
}: {
  readonly title: string;
  readonly id: string;
  readonly children: ComponentChildren;
}) {
  return (
    <section class="yl-card__section" aria-labelledby={id}>
      <h3 class="yl-card__heading" id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

function FactCheckNote({ check }: { readonly check: FactCheck }) {
  const { claim } = check;
  return (
    <details class="yl-card__check">
      <summary class="yl-card__check-summary">
        <span class="yl-card__check-text">
          <span class="yl-card__check-label">Fact check</span>
          <span class="yl-card__check-heading">{check.heading}</span>
        </span>
      </summary>
      <div class="yl-card__check-body">
        {claim.by === 'article' ? (
          <p class="yl-card__claim">
            The article says <q>{claim.quote.text}</q>
          </p>
        ) : (
          <p class="yl-card__claim">Often said: {claim.text}</p>
        )}
        <p>{check.record}</p>
        {check.sources.length > 0 ? (
          <p class="yl-card__sources">
            Sources:{' '}
            {check.sources.map((source, at) => (
              <span key={source.url}>
                {at > 0 ? '; ' : null}
                <ExternalLink href={source.url}>{source.label}</ExternalLink>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </details>
  );
}

function noticeText(notice: CardNotice): { tone: 'info' | 'success' | 'error'; title: string; body: string } {
  switch (notice.kind) {
    case 'topic':
      return notice.marked
        ? {
            tone: 'success',
            title: `Now marking ${notice.name}`,
            body: 'Its mentions are marked on every page. You can turn it off again here or in the options page.',
          }
        : {
            tone: 'info',
            title: `${notice.name} is no longer marked`,
            body: 'Its marks are gone from every page. You can turn it back on here or in the options page.',
          };
    case 'paused':
      return {
        tone: 'info',
        title: `Paused on ${notice.site}`,
        body: 'Nothing is marked on this site until you resume it here, in the popup or in the options page.',
      };
    case 'error':
      return { tone: 'error', title: 'The change could not be saved', body: notice.message };
  }
}

function Pager({ position, actions }: { readonly position: MentionPosition; readonly actions: CardActions }) {
  const { index, total } = position;
  const text =
    total === 0
      ? 'Not marked on this page'
      : index === null
        ? `${total} ${total === 1 ? 'mention' : 'mentions'} on this page`
        : `Mention ${index} of ${total} on this page`;
  const canMove = total > 1 || (index === null && total > 0);
  return (
    <div class="yl-card__pager">
      {canMove ? (
        <button
          type="button"
          class="yl-card__icon-button"
          aria-label="Previous mention"
          title="Previous mention (P)"
          aria-keyshortcuts="P"
          onClick={actions.previous}
        >
          <Icon path={ICONS.previous} />
        </button>
      ) : null}
      <span class="yl-card__count" aria-live="polite">
        {text}
      </span>
      {canMove ? (
        <button
          type="button"
          class="yl-card__icon-button"
          aria-label="Next mention"
          title="Next mention (N)"
          aria-keyshortcuts="N"
          onClick={actions.next}
        >
          <Icon path={ICONS.next} />
        </button>
      ) : null}
    </div>
  );
}

export function CardView(props: CardViewProps) {
  const { topic, article, color, marked, position, back, canPause, notice, relatedName, actions } = props;
  const quote = topic.quotes[0];
  const shownNotice = notice ? noticeText(notice) : null;
  return (
    <div
      class="yl-card"
      role="dialog"
      aria-labelledby={TITLE_ID}
      lang="en"
      dir="ltr"
      tabIndex={-1}
      style={{ '--yl-topic': color }}
    >
      <header class="yl-card__header">
        <div class="yl-card__topline">
          {back ? (
            <button type="button" class="yl-card__back" onClick={actions.back}>
              <Icon path={ICONS.previous} />
              <span class="yl-visually-hidden">Back to </span>
              {back}
            </button>
          ) : (
            <span class="yl-card__brand">Yalu Lens</span>
          )}
          <button type="button" class="yl-card__icon-button yl-card__close" aria-label="Close" onClick={actions.close}>
            <Icon path={ICONS.close} />
          </button>
        </div>
        <h2 class="yl-card__title" id={TITLE_ID} tabIndex={-1}>
          {topic.displayName}
        </h2>
        <p class="yl-card__dates">
          {topic.dates.start ? (
            <time dateTime={topic.dates.start}>{topic.dates.display}</time>
          ) : (
            <span>{topic.dates.display}</span>
          )}
        </p>
      </header>

      <div class="yl-card__body">
        {shownNotice ? (
          <Note
            tone={shownNotice.tone}
            title={shownNotice.title}
            role="status"
            actions={
              notice?.kind === 'error' ? null : (
                <Button id={UNDO_ID} onClick={actions.undo}>
                  Undo
                </Button>
              )
            }
          >
            <p>{shownNotice.body}</p>
          </Note>
        ) : null}

        <p class="yl-card__summary">{topic.summary}</p>

        <Section title="Why it matters" id="yl-card-why">
          <p class="yl-card__why">{topic.whyItMatters.text}</p>
        </Section>

        {quote ? <ArticleQuote quote={quote} article={article} /> : null}

        {topic.factChecks.map((check) => (
          <FactCheckNote key={check.heading} check={check} />
        ))}

        {topic.related.length > 0 ? (
          <nav class="yl-card__section" aria-labelledby="yl-card-related">
            <h3 class="yl-card__heading" id="yl-card-related">
              Related topics
            </h3>
            <ul class="yl-card__related">
              {topic.related.map((id) => (
                <li key={id}>
                  <button type="button" class="yl-card__topic" onClick={() => actions.related(id)}>
                    {relatedName(id)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>

      <footer class="yl-card__footer">
        <Pager position={position} actions={actions} />
        <div class="yl-card__actions">
          <Button variant="quiet" class="yl-card__action" onClick={actions.toggleTopic}>
            <Icon path={marked ? ICONS.unmark : ICONS.mark} />
            {marked ? 'Stop marking this topic' : 'Mark this topic'}
          </Button>
          {canPause ? (
            <Button variant="quiet" class="yl-card__action" onClick={actions.pauseSite}>
              <Icon path={ICONS.pause} />
              Pause on this site
            </Button>
          ) : null}
        </div>
      </footer>
    </div>
  );
}
