/**
 * The part of the content script that must run before any script of the page: the window's
 * input listeners (window-input.ts). It is tiny on purpose and runs at document_start; the rest
 * of the content script runs at document_idle, after the page is parsed and in a task of its own
 * (started from DOMContentLoaded it made one long task with the parser's last one), and picks the
 * listeners up from the world both scripts share.
 */
import { installEarlyInput } from './window-input';

installEarlyInput(globalThis, window);
