/**
 * The toolbar popup: what the current page mentions (each row jumps to the next mention), the
 * switches that pause marking, a timeline of the events, and the article's argument.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ARTICLE } from '../knowledge/article';
import { topicNamesById } from '../knowledge/names';
import type { TopicId } from '../knowledge/types';
import {
  isSitePaused,
  patternsCovering,
  type Settings,
  sitePatternFor,
  underlineColor,
  withSitePaused,
} from '../settings';
import { ExternalLink } from '../ui/external-link';
import { formatIsoDate } from '../ui/format';
import { Note } from '../ui/note';
import { Switch } from '../ui/switch';
import { hostnameOf, mentionsText, type PageView, topicRows } from './page-state';
import { Timeline } from './timeline';
import { type PageModel, usePage } from './use-page';
import { type PopupSettings, usePopupSettings } from './use-popup-settings';

export function Popup() {
  const page = usePage();
  const settings = usePopupSettings();
  const { view } = page;
  const hostname = view.kind === 'ready' ? hostnameOf(view.reply.url) : '';
  const counts = view.kind === 'ready' && !view.reply.paused ? view.reply.counts : {};
  const colors = settings.settings
    ? Object.fromEntries(Object.entries(settings.settings.topics).map(([topic, value]) => [topic, value.color]))
    : {};
  return (
    <div class="yl-page yl-popup">
      <header class="yl-popup__header">
        <img class="yl-popup__logo" src="/icons/icon-32.png" width={28} height={28} alt="" />
        <div class="yl-popup__brand">
          <h1 class="yl-popup__title">Yalu Lens</h1>
          {hostname ? <p class="yl-popup__site">{hostname}</p> : null}
        </div>
        <a
          class="yl-popup__options"
          href={browser.runtime.getURL('src/options/index.html')}
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage().then(() => window.close());
          }}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path
              d="M6.7 1.5h2.6l.4 1.9 1.3.7 1.8-.7 1.3 2.2-1.4 1.3v1.4l1.4 1.3-1.3 2.2-1.8-.7-1.3.7-.4 1.9H6.7l-.4-1.9-1.3-.7-1.8.7-1.3-2.2 1.4-1.3V7.3L1.9 6l1.3-2.2 1.8.7 1.3-.7z"
              fill="none"
              stroke="currentColor"
              stroke-width="1.2"
              stroke-linejoin="round"
            />
            <circle cx="8" cy="8" r="2.1" fill="none" stroke="currentColor" stroke-width="1.2" />
          </svg>
          Options
        </a>
      </header>
      <main class="yl-popup__main">
        <OnThisPage page={page} settings={settings.settings} />
        <Pauses view={view} hostname={hostname} model={settings} />
        <section class="yl-popup__section" aria-labelledby="timeline-title">
          <h2 class="yl-popup__heading" id="timeline-title">
            Timeline, 1950–2017
          </h2>
          <Timeline counts={counts} colors={colors} labelledBy="timeline-title" />
          <p class="yl-popup__caption">
            {Object.keys(counts).length > 0
              ? 'Events this page mentions are highlighted.'
              : 'Events a page mentions are highlighted.'}
          </p>
        </section>
        <Argument />
      </main>
    </div>
  );
}

function OnThisPage({ page, settings }: { readonly page: PageModel; readonly settings: Settings | null }) {
  const { view } = page;
  const [status, setStatus] = useState('');
  let body: ComponentChildren;
  let summary = '';
  if (view.kind === 'asking') {
    body = <p class="yl-popup__quiet">Counting mentions…</p>;
  } else if (view.kind === 'unreachable') {
    body = (
      <Note tone="info" title="Yalu Lens can’t read this page">
        <p>Browser pages and extension stores are off limits to extensions, so nothing here can be marked.</p>
        <p>If this is a web page that was already open when Yalu Lens was installed or updated, reload it.</p>
      </Note>
    );
  } else if (view.reply.paused) {
    body = (
      <p class="yl-popup__quiet">
        {view.reply.paused === 'everywhere'
          ? 'Marking is paused on every site, so nothing on this page is marked.'
          : 'Marking is paused on this site, so nothing on this page is marked.'}
      </p>
    );
  } else {
    const rows = topicRows(view.reply.counts);
    if (rows.length === 0) {
      body = (
        <p class="yl-popup__quiet">
          {view.reply.scanning ? 'Counting mentions…' : 'This page mentions none of the topics Yalu Lens marks.'}
        </p>
      );
    } else {
      summary = mentionsText(view.reply.total);
      body = (
        <>
          <ul class="yl-topics">
            {rows.map(({ topic, count }) => (
              <li key={topic}>
                <TopicRow
                  topic={topic}
                  count={count}
                  color={settings?.topics[topic].color}
                  onActivate={async () => {
                    const name = topicNamesById(topic).displayName;
                    const reply = await page.showNext(topic);
                    setStatus(
                      reply.shown
                        ? `${name}: showing mention ${reply.index} of ${reply.total} on the page.`
                        : `${name} is no longer mentioned on the page.`,
                    );
                  }}
                />
              </li>
            ))}
          </ul>
          <p class="yl-popup__hint" id="topics-hint">
            Choose a topic to scroll the page to its next mention.
          </p>
        </>
      );
    }
  }
  return (
    <section class="yl-popup__section" aria-labelledby="page-title">
      <h2 class="yl-popup__heading" id="page-title">
        On this page
        {summary ? <span class="yl-popup__heading-note"> · {summary}</span> : null}
      </h2>
      {body}
      <p class="yl-popup__status" role="status" id="show-status">
        {status}
      </p>
    </section>
  );
}

function TopicRow({
  topic,
  count,
  color,
  onActivate,
}: {
  readonly topic: TopicId;
  readonly count: number;
  readonly color: string | undefined;
  readonly onActivate: () => void;
}) {
  const name = topicNamesById(topic).displayName;
  return (
    <button
      type="button"
      class="yl-topic"
      data-topic={topic}
      data-count={count}
      aria-describedby="topics-hint"
      onClick={onActivate}
    >
      <span
        class="yl-topic__swatch"
        aria-hidden="true"
        style={color ? { background: color, borderBottomColor: underlineColor(color) } : undefined}
      />
      <span class="yl-topic__name">{name}</span>
      <span class="yl-topic__count">
        <span class="yl-visually-hidden">, </span>
        {count}
        <span class="yl-visually-hidden"> {count === 1 ? 'mention' : 'mentions'}</span>
      </span>
      <svg class="yl-topic__go" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M8 3v10M4 9l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      </svg>
    </button>
  );
}

function Pauses({
  view,
  hostname,
  model,
}: {
  readonly view: PageView;
  readonly hostname: string;
  readonly model: PopupSettings;
}) {
  const [error, setError] = useState<string | null>(null);
  const { settings } = model;
  if (!settings) return null;
  const site = sitePatternFor(hostname);
  const sitePaused = site ? isSitePaused(settings, hostname) : false;
  const covering = site ? patternsCovering(settings, hostname) : [];
  let siteDescription: string;
  if (settings.sites.mode === 'only-listed') {
    siteDescription = sitePaused
      ? 'You mark only the sites in your list, and this site is not in it.'
      : 'You mark only the sites in your list; pausing takes this site off it.';
  } else if (sitePaused && covering.some((pattern) => pattern !== site)) {
    siteDescription = `Paused through ${covering.join(', ')} in your list of paused sites, which includes its subdomains.`;
  } else {
    siteDescription = `Nothing is marked on ${site ?? 'this site'} or its subdomains while this is on.`;
  }
  return (
    <section class="yl-popup__section" aria-labelledby="pause-title">
      <h2 class="yl-popup__heading" id="pause-title">
        Marking
      </h2>
      <div class="yl-popup__switches">
        {site && view.kind === 'ready' ? (
          <Switch
            id="pause-site"
            label={`Pause on ${site}`}
            checked={sitePaused}
            description={siteDescription}
            onChange={(paused) => {
              const change = withSitePaused(settings, hostname, paused);
              if ('error' in change) setError(change.error);
              else {
                setError(null);
                void model.save(change.next);
              }
            }}
          />
        ) : null}
        <Switch
          id="pause-everywhere"
          label="Pause everywhere"
          checked={settings.pausedEverywhere}
          description="Nothing is marked on any site while this is on."
          onChange={(paused) => {
            const next = structuredClone(settings);
            next.pausedEverywhere = paused;
            void model.save(next);
          }}
        />
      </div>
      {error || model.error ? (
        <Note tone="error" role="alert">
          <p>{error ?? `Your change could not be saved: ${model.error}`}</p>
        </Note>
      ) : null}
    </section>
  );
}

function Argument() {
  return (
    <section class="yl-popup__section yl-argument" aria-labelledby="argument-title">
      <h2 class="yl-popup__heading" id="argument-title">
        The argument
      </h2>
      <p class="yl-argument__title" lang="en">
        {ARTICLE.title}
      </p>
      <p class="yl-argument__byline">
        {ARTICLE.author} · <cite>{ARTICLE.outlet}</cite> ·{' '}
        <time dateTime={ARTICLE.date}>{formatIsoDate(ARTICLE.date)}</time>
      </p>
      <ol class="yl-argument__thesis">
        {ARTICLE.thesis.map((point) => (
          <li key={point.text}>{point.text}</li>
        ))}
      </ol>
      <p class="yl-argument__link">
        <ExternalLink href={ARTICLE.url}>Read the article at {ARTICLE.outlet}</ExternalLink>
      </p>
    </section>
  );
}
