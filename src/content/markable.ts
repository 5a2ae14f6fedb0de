/**
 * Documents the browser shows as pages of text: HTML, XHTML and plain text (which it wraps in a
 * <pre>). Others are left alone: an SVG image is a drawing (SVG is skipped inside pages too), an
 * XML file or feed is shown as a tree of its source (Chromium builds a viewer around it; Firefox
 * draws it apart from the DOM, where marks would never show), a PDF is drawn by a viewer.
 */
const MARKABLE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

export function isMarkable(doc: Document): boolean {
  // No contentType (a test double of a document): treat it as a page.
  return doc.contentType === undefined || MARKABLE_TYPES.has(doc.contentType);
}
