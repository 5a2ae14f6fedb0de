/**
 * askTopFrame: a tab with only the lookout has no listener, so the first message finds no one;
 * the marker is run in and the message sent again, once. Pages where nothing can run reject.
 */
import { describe, expect, it, vi } from 'vitest';
import { askTopFrame, type ContentMessage } from '../../src/messages';

const MESSAGE: ContentMessage = { type: 'get-page-counts' };
const NO_RECEIVER = new Error('Could not establish connection. Receiving end does not exist.');

describe('askTopFrame', () => {
  it('sends to the top frame and runs no marker where one answers', async () => {
    const send = vi.fn(async () => ({ total: 2 }));
    const runMarker = vi.fn(async () => true);
    expect(await askTopFrame(send, runMarker, 7, MESSAGE)).toEqual({ total: 2 });
    expect(send).toHaveBeenCalledWith(7, MESSAGE, { frameId: 0 });
    expect(runMarker).not.toHaveBeenCalled();
  });

  it('runs the marker in where nothing answers, and asks again once', async () => {
    let markerThere = false;
    const send = vi.fn(async () => {
      if (!markerThere) throw NO_RECEIVER;
      return { total: 0 };
    });
    const runMarker = vi.fn(async () => {
      markerThere = true;
      return true;
    });
    expect(await askTopFrame(send, runMarker, 7, MESSAGE)).toEqual({ total: 0 });
    expect(runMarker).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('rejects with the first error where the marker cannot run (a browser page)', async () => {
    const send = vi.fn(async () => {
      throw NO_RECEIVER;
    });
    await expect(askTopFrame(send, async () => false, 7, MESSAGE)).rejects.toBe(NO_RECEIVER);
    await expect(
      askTopFrame(
        send,
        async () => {
          throw new Error('Cannot access a chrome:// URL');
        },
        7,
        MESSAGE,
      ),
    ).rejects.toBe(NO_RECEIVER);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
