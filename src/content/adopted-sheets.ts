/**
 * Adopting our constructed style sheets into a document or shadow root, the same way in every
 * browser. Firefox 140 hands a content script its `adoptedStyleSheets` as an Xray of the page's
 * ObservableArray, without Array's methods: `includes`, `filter` and spreading it all throw, and
 * the marks and the card went unstyled there. Reading it by index works everywhere.
 */

type StyledTree = Document | ShadowRoot;

/** The sheets `tree` has adopted, as a plain array of our own. */
export function adoptedSheets(tree: StyledTree): CSSStyleSheet[] {
  const list = tree.adoptedStyleSheets;
  const sheets: CSSStyleSheet[] = [];
  for (let index = 0; index < list.length; index++) sheets.push(list[index] as CSSStyleSheet);
  return sheets;
}

type CloneInto = (value: unknown, scope: unknown, options: { wrapReflectors: boolean }) => unknown;

/**
 * Sets what `tree` has adopted (throws where the page froze the list). In Firefox the list must
 * be an array of the page's: one of the content script's is taken without a word and styles
 * nothing (Firefox 140). `cloneInto`, which only Firefox's content scripts have, makes it there
 * without running any of the page's code (the page's own `Array` could be anything).
 */
export function setSheets(tree: StyledTree, sheets: readonly CSSStyleSheet[]): void {
  const cloneInto = (globalThis as { cloneInto?: CloneInto }).cloneInto;
  const pageTree = (tree as { wrappedJSObject?: { adoptedStyleSheets: unknown } }).wrappedJSObject;
  const view = ((tree as Node).ownerDocument ?? (tree as Document)).defaultView;
  if (typeof cloneInto === 'function' && pageTree && view) {
    pageTree.adoptedStyleSheets = cloneInto([...sheets], view, { wrapReflectors: true });
    return;
  }
  tree.adoptedStyleSheets = [...sheets];
}

/** Adds `sheet` to what `tree` has adopted (once); throws where the page froze the list. */
export function adoptSheet(tree: StyledTree, sheet: CSSStyleSheet): void {
  const sheets = adoptedSheets(tree);
  if (!sheets.includes(sheet)) setSheets(tree, [...sheets, sheet]);
}

/** Takes the sheets `ours` recognises out of what `tree` has adopted; throws where the page froze the list. */
export function dropSheets(tree: StyledTree, ours: (sheet: CSSStyleSheet) => boolean): void {
  const sheets = adoptedSheets(tree);
  if (sheets.some(ours))
    setSheets(
      tree,
      sheets.filter((sheet) => !ours(sheet)),
    );
}
