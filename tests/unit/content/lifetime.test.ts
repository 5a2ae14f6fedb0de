// @vitest-environment happy-dom
/**
 * The content script's hand-over when its extension goes away (src/content/lifetime.ts): one
 * instance per world, an orphan steps down when a newer instance announces itself, and a new
 * instance clears what a dead one left.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  claimWorld,
  extensionAlive,
  hasLeftovers,
  hasLiveInstance,
  removeLeftovers,
  watchLifetime,
} from '../../../src/content/lifetime';

describe('claimWorld', () => {
  it('keeps a live instance and replaces a dead one', () => {
    const scope = {};
    const first = { stop: vi.fn(), alive: () => true };
    expect(claimWorld(scope, first)).toBe(true);
    expect(claimWorld(scope, { stop: vi.fn(), alive: () => true })).toBe(false);
    first.alive = () => false;
    const third = { stop: vi.fn(), alive: () => true };
    expect(claimWorld(scope, third)).toBe(true);
    expect(first.stop).toHaveBeenCalledOnce();
  });
});

describe('extensionAlive', () => {
  it('is false once the runtime has lost its id, or throws', () => {
    expect(extensionAlive({ id: 'abc' })).toBe(true);
    expect(extensionAlive({})).toBe(false);
    expect(extensionAlive(undefined)).toBe(false);
    const throwing = Object.defineProperty({}, 'id', {
      get() {
        throw new Error('Extension context invalidated.');
      },
    });
    expect(extensionAlive(throwing)).toBe(false);
  });
});

describe('watchLifetime', () => {
  it('makes an orphaned instance step down when a newer one announces itself, and only then', () => {
    let oldAlive = true;
    const oldGone = vi.fn();
    const check = watchLifetime(document, () => oldAlive, oldGone, false);
    // A page (or a newer instance) announcing while the extension is there changes nothing.
    watchLifetime(document, () => true, vi.fn(), true);
    expect(oldGone).not.toHaveBeenCalled();
    oldAlive = false;
    watchLifetime(document, () => true, vi.fn(), true);
    expect(oldGone).toHaveBeenCalledOnce();
    expect(check()).toBe(false);
    watchLifetime(document, () => true, vi.fn(), true);
    expect(oldGone).toHaveBeenCalledOnce();
  });
});

describe('leftovers', () => {
  it('finds and removes the host a dead instance left', () => {
    document.documentElement.append(document.createElement('yalu-lens'));
    expect(hasLeftovers(document, 'yalu-', 'yalu-lens')).toBe(true);
    removeLeftovers(document, 'yalu-', 'yalu-lens');
    expect(document.querySelector('yalu-lens')).toBeNull();
    expect(hasLeftovers(document, 'yalu-', 'yalu-lens')).toBe(false);
  });
});

describe('leftovers in a registry that cannot be walked', () => {
  it('falls back to the known names (Firefox: Highlights of a nuked sandbox are dead objects)', () => {
    const entries = new Map<string, object>([
      ['yalu-korean-war', {}],
      ['page-own', {}],
    ]);
    const registry = {
      forEach() {
        throw new Error('Permission denied to access object');
      },
      has: (name: string) => entries.has(name),
      delete: (name: string) => entries.delete(name),
    };
    const doc = {
      defaultView: { CSS: { highlights: registry } },
      querySelector: () => null,
      querySelectorAll: () => [],
      adoptedStyleSheets: [],
    } as unknown as Document;
    const known = ['yalu-korean-war', 'yalu-sino-vietnamese-war'];
    expect(hasLeftovers(doc, 'yalu-', 'yalu-lens')).toBe(false);
    expect(hasLeftovers(doc, 'yalu-', 'yalu-lens', known)).toBe(true);
    removeLeftovers(doc, 'yalu-', 'yalu-lens', known);
    expect([...entries.keys()]).toEqual(['page-own']);
    expect(hasLeftovers(doc, 'yalu-', 'yalu-lens', known)).toBe(false);
  });
});

describe('hasLiveInstance', () => {
  it('says whether a live marker holds the world (the lookout then does not start)', () => {
    const scope = {};
    expect(hasLiveInstance(scope)).toBe(false);
    let alive = true;
    claimWorld(scope, { stop: vi.fn(), alive: () => alive });
    expect(hasLiveInstance(scope)).toBe(true);
    alive = false;
    expect(hasLiveInstance(scope)).toBe(false);
  });
});
