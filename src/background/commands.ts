/**
 * The keyboard commands (manifest `commands`): Alt+Shift+Y goes to the next marked mention on the
 * page and Alt+Shift+U to the previous one, each opening its card with focus in it. The background
 * only relays the command to the active tab's top frame, where the content script does the work.
 */
import type { ContentMessage, WalkDirection } from '../messages';

export const COMMAND_DIRECTIONS: Readonly<Record<string, WalkDirection>> = {
  'next-mention': 'next',
  'previous-mention': 'previous',
};

/** The part of the `browser` API the commands use, so tests can hand in a fake. */
export interface CommandsApi {
  readonly commands: {
    readonly onCommand: { addListener(listener: (command: string, tab?: { id?: number }) => void): void };
  };
  readonly tabs: {
    query(query: { active: true; currentWindow: true }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: ContentMessage, options: { frameId: number }): Promise<unknown>;
  };
}

export async function runCommand(api: CommandsApi, command: string, tab?: { id?: number }): Promise<void> {
  const direction = COMMAND_DIRECTIONS[command];
  if (!direction) return;
  const tabId = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  const message: ContentMessage = { type: 'walk-mentions', direction };
  try {
    await api.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // No content script in this tab (a browser page, a store page, a page still loading).
  }
}

/** Listens for the commands. Called at the top level of the background, as event listeners must be. */
export function registerCommands(api: CommandsApi): void {
  api.commands.onCommand.addListener((command, tab) => void runCommand(api, command, tab));
}
