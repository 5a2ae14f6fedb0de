/**
 * Background: a service worker in Chrome, an event page in Firefox. It holds no state in
 * memory that matters: anything that must survive the worker being stopped lives in storage
 * or in the tabs' content scripts.
 */
import browser from 'webextension-polyfill';

browser.runtime.onInstalled.addListener(() => {
  // Nothing to migrate yet; settings migrations hook in here (src/settings).
});
