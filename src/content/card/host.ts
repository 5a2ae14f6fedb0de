/**
 * The extension's one element in the page, `<yalu-lens>`, with an open shadow root that holds the
 * card. It is created the first time a card opens, never before, so a page nobody interacts with
 * carries no trace of the extension in its DOM.
 *
 * Styles go in as a constructed stylesheet adopted by the shadow root: constructed sheets are not
 * inline styles, so they apply on pages whose CSP forbids those.
 */
import baseCss from '../../ui/base.css?inline';
import controlsCss from '../../ui/controls.css?inline';
import readingCss from '../../ui/reading.css?inline';
import { setSheets } from '../adopted-sheets';
import { HOST_TAG } from '../host-tag';
import cardCss from './card.css?inline';

export { HOST_TAG };

export interface CardHost {
  readonly element: HTMLElement;
  readonly root: ShadowRoot;
  /** The `popover="manual"` box the card renders into: shown in the top layer, placed by Floating UI. */
  readonly popover: HTMLElement;
}

const CSS = [baseCss, controlsCss, readingCss, cardCss].join('\n');

export function createCardHost(doc: Document): CardHost {
  const element = doc.createElement(HOST_TAG);
  const root = element.attachShadow({ mode: 'open' });
  try {
    // The page's own constructor: Firefox adopts only sheets made for the document they style.
    const sheet = new (doc.defaultView ?? window).CSSStyleSheet();
    sheet.replaceSync(CSS);
    setSheets(root, [sheet]);
  } catch {
    // No constructable stylesheets: the card still works, unstyled.
  }
  const popover = doc.createElement('div');
  popover.className = 'yl-popover';
  // "manual", never "auto": an auto popover would close the page's own open popovers.
  popover.setAttribute('popover', 'manual');
  root.append(popover);
  // After <body>, not in it: the page's layout and its `body > *` rules are not ours to meet.
  doc.documentElement.append(element);
  return { element, root, popover };
}
