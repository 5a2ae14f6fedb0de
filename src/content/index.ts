/**
 * Content script entry. Runs at document_idle in every frame of every page, so it must cost
 * almost nothing where there is nothing to mark.
 */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

function scan(root: Node): void {
  performance.mark('yalu:scan-start');
  let textNodes = 0;
  let chars = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      SKIP.has((node.parentNode as Element | null)?.nodeName ?? '')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    textNodes++;
    chars += (node as Text).data.length;
  }
  performance.measure('yalu:scan', { start: 'yalu:scan-start', detail: { textNodes, chars, matches: 0 } });
}

if (document.body) scan(document.body);
