/**
 * The keyboard commands: declared in the one manifest source for both browsers, and relayed by
 * the background to the active tab's top frame as `walk-mentions`.
 */
import { describe, expect, it } from 'vitest';
import { manifestFor, readManifestSource } from '../../../scripts/manifest.ts';
import { type CommandsApi, runCommand } from '../../../src/background/commands';
import { isContentMessage } from '../../../src/messages';

function fakeApi(activeTab: number | undefined, fail = false) {
  const sent: { tabId: number; message: unknown; options: unknown }[] = [];
  const api: CommandsApi = {
    commands: { onCommand: { addListener: () => undefined } },
    tabs: {
      query: async () => (activeTab === undefined ? [] : [{ id: activeTab }]),
      sendMessage: async (tabId, message, options) => {
        sent.push({ tabId, message, options });
        if (fail) throw new Error('Could not establish connection. Receiving end does not exist.');
        return undefined;
      },
    },
  };
  return { api, sent };
}

describe('keyboard commands', () => {
  it('are declared for both browsers with Alt+Shift+Y and Alt+Shift+U', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const { commands } = manifestFor(target, readManifestSource());
      expect(commands['next-mention'].suggested_key.default).toBe('Alt+Shift+Y');
      expect(commands['previous-mention'].suggested_key.default).toBe('Alt+Shift+U');
      expect(commands['next-mention'].description).toMatch(/next/);
    }
  });

  it('sends walk-mentions to the tab the command came from, top frame only', async () => {
    const { api, sent } = fakeApi(9);
    await runCommand(api, 'next-mention', { id: 4 });
    await runCommand(api, 'previous-mention', { id: 4 });
    expect(sent).toEqual([
      { tabId: 4, message: { type: 'walk-mentions', direction: 'next' }, options: { frameId: 0 } },
      { tabId: 4, message: { type: 'walk-mentions', direction: 'previous' }, options: { frameId: 0 } },
    ]);
    expect(sent.every(({ message }) => isContentMessage(message))).toBe(true);
  });

  it('falls back to the active tab, and ignores unknown commands and tabs without our script', async () => {
    const { api, sent } = fakeApi(9, true);
    await runCommand(api, 'next-mention');
    await runCommand(api, '_execute_action');
    expect(sent.map(({ tabId }) => tabId)).toEqual([9]);
    const none = fakeApi(undefined);
    await runCommand(none.api, 'next-mention');
    expect(none.sent).toEqual([]);
  });
});
