/** The one element the extension adds to a page (DESIGN.md), made when a card first opens. */
export const HOST_TAG = 'yalu-lens';
