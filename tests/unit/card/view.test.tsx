// @vitest-environment happy-dom
/**
 * The card's view on its own (happy-dom): the dialog's name, every control named, the citation,
 * the fact-check, related topics, the mention count and the notices; real knowledge-base data.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CardActions, CardView, type CardViewProps } from '../../../src/content/card/view';
import { ARTICLE } from '../../../src/knowledge/article';
import { topicNamesById } from '../../../src/knowledge/names';
import { getTopic } from '../../../src/knowledge/topics';

function actions(): CardActions {
  return {
    close: vi.fn(),
    previous: vi.fn(),
    next: vi.fn(),
    related: vi.fn(),
    back: vi.fn(),
    toggleTopic: vi.fn(),
    pauseSite: vi.fn(),
    undo: vi.fn(),
  };
}

function show(overrides: Partial<CardViewProps> = {}) {
  const props: CardViewProps = {
    topic: getTopic('korean-war'),
    article: ARTICLE,
    color: '#ffd966',
    marked: true,
    position: { index: 2, total: 5 },
    back: null,
    canPause: true,
    notice: null,
    relatedName: (id) => topicNamesById(id).displayName,
    actions: actions(),
    ...overrides,
  };
  const container = document.createElement('div');
  document.body.append(container);
  render(<CardView {...props} />, container);
  return { container, props };
}

function buttonNamed(container: Element, name: string): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find(
    (element) => element.getAttribute('aria-label') === name || element.textContent?.trim() === name,
  );
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('CardView', () => {
  it('is a dialog named by the topic, with its dates, summary and why it matters', () => {
    const { container } = show();
    const dialog = container.querySelector('[role="dialog"]') as HTMLElement;
    const title = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('Korean War');
    expect(dialog.getAttribute('lang')).toBe('en');
    expect(container.textContent).toContain('25 June 1950 – 27 July 1953');
    expect(container.textContent).toContain(getTopic('korean-war').summary);
    expect(container.textContent).toContain('Why it matters');
    expect(container.textContent).toContain(getTopic('korean-war').whyItMatters.text);
  });

  it('names every control', () => {
    const { container } = show();
    for (const control of container.querySelectorAll('button, a, summary')) {
      const name = control.getAttribute('aria-label') ?? control.textContent?.trim();
      expect(name, control.outerHTML).toBeTruthy();
    }
  });

  it('quotes the article with author, title linked to the original, outlet and date', () => {
    const { container } = show();
    const figure = container.querySelector('figure') as HTMLElement;
    expect(figure.querySelector('blockquote')?.textContent).toBe(getTopic('korean-war').quotes[0]?.text);
    const caption = figure.querySelector('figcaption')?.textContent ?? '';
    expect(caption).toContain('Franz-Stefan Gady');
    expect(caption).toContain('The Diplomat');
    expect(caption).toContain('29 September 2017');
    const link = figure.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(ARTICLE.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toContain('(opens in a new tab)');
  });

  it('names the borrowed source of a quote the article itself quotes', () => {
    const topic = getTopic('korean-war');
    const { container } = show({ topic: { ...topic, quotes: [topic.quotes[1] as (typeof topic.quotes)[number]] } });
    expect(container.querySelector('figcaption')?.textContent).toContain('David Halberstam');
  });

  it('shows the fact-check with its sources, folded', () => {
    const { container } = show();
    const details = container.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toContain('When Chinese troops crossed the Yalu');
    expect(details.textContent).toContain('The article says');
    expect(details.querySelectorAll('a').length).toBe(3);
  });

  it('lists related topics as buttons that switch the card', () => {
    const { container, props } = show();
    buttonNamed(container, 'Kim Il-sung').click();
    expect(props.actions.related).toHaveBeenCalledWith('kim-il-sung');
  });

  it('says where the mention is on the page, with previous and next', () => {
    const { container, props } = show();
    expect(container.querySelector('.yl-card__count')?.textContent).toBe('Mention 2 of 5 on this page');
    buttonNamed(container, 'Next mention').click();
    buttonNamed(container, 'Previous mention').click();
    expect(props.actions.next).toHaveBeenCalledOnce();
    expect(props.actions.previous).toHaveBeenCalledOnce();
  });

  it('has no previous and next where there is nowhere to go', () => {
    const only = show({ position: { index: 1, total: 1 } });
    expect(only.container.querySelector('.yl-card__count')?.textContent).toBe('Mention 1 of 1 on this page');
    expect(only.container.querySelector('[aria-label="Next mention"]')).toBeNull();
    const none = show({ position: { index: null, total: 0 } });
    expect(none.container.querySelector('.yl-card__count')?.textContent).toBe('Not marked on this page');
  });

  it('offers both actions, and the opposite one for a topic not marked', () => {
    const { container, props } = show();
    buttonNamed(container, 'Stop marking this topic').click();
    buttonNamed(container, 'Pause on this site').click();
    expect(props.actions.toggleTopic).toHaveBeenCalledOnce();
    expect(props.actions.pauseSite).toHaveBeenCalledOnce();
    const unmarked = show({ marked: false, canPause: false });
    expect(buttonNamed(unmarked.container, 'Mark this topic')).toBeTruthy();
    expect(unmarked.container.textContent).not.toContain('Pause on this site');
  });

  it('announces what an action did and offers to undo it', () => {
    const { container, props } = show({ notice: { kind: 'topic', name: 'Korean War', marked: false } });
    const status = container.querySelector('[role="status"]') as HTMLElement;
    expect(status.textContent).toContain('Korean War is no longer marked');
    buttonNamed(status, 'Undo').click();
    expect(props.actions.undo).toHaveBeenCalledOnce();
    const paused = show({ notice: { kind: 'paused', site: 'example.com' } });
    expect(paused.container.textContent).toContain('Paused on example.com');
  });

  it('goes back to the topic it came from after a related link', () => {
    const { container, props } = show({ topic: getTopic('kim-il-sung'), back: 'Korean War' });
    const back = buttonNamed(container, 'Back to Korean War');
    back.click();
    expect(props.actions.back).toHaveBeenCalledOnce();
    expect(container.querySelector('[role="dialog"] h2')?.textContent).toBe('Kim Il-sung');
  });
});
