/**
 * An in-memory `browser.storage` for the settings adapter: two areas and one onChanged event,
 * with chrome.storage.sync's quotas enforced the way Chrome counts them (key plus JSON value,
 * in UTF-8 bytes) so quota handling is tested against the real limits, refused with the
 * messages the browsers really give (recorded from Chromium 156 and Firefox ESR 153).
 */
import type {
  SettingsAreas,
  StorageAreaLike,
  StorageChangeLike,
  StorageChangeListener,
  StorageEventLike,
} from '../../../src/settings/storage';

const encoder = new TextEncoder();
const bytes = (key: string, value: unknown): number =>
  encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;

export interface Quota {
  bytesPerItem: number;
  totalBytes: number;
  maxItems: number;
}

export const CHROME_SYNC_QUOTA: Quota = { bytesPerItem: 8192, totalBytes: 102_400, maxItems: 512 };

/** What each browser's storage.sync says when it refuses a write. */
export const QUOTA_MESSAGES = {
  chromium: {
    bytesPerItem: 'Resource::kQuotaBytesPerItem quota exceeded',
    totalBytes: 'Resource::kQuotaBytes quota exceeded',
    maxItems: 'Resource::kMaxItems quota exceeded',
    perMinute: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
    perHour: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
  },
  // Firefox gives one message for all three size quotas and has no write rate limit.
  firefox: {
    bytesPerItem: 'QuotaExceededError: storage.sync API call exceeded its quota limitations.',
    totalBytes: 'QuotaExceededError: storage.sync API call exceeded its quota limitations.',
    maxItems: 'QuotaExceededError: storage.sync API call exceeded its quota limitations.',
  },
} as const;

/** Firefox's storage.sync with `webextensions.storage.sync.enabled` turned off. */
export const FIREFOX_SYNC_DISABLED = 'Please set webextensions.storage.sync.enabled to true in about:config';

export type QuotaBrowser = keyof typeof QUOTA_MESSAGES;

class FakeEvent implements StorageEventLike {
  readonly listeners = new Set<StorageChangeListener>();
  addListener(listener: StorageChangeListener): void {
    this.listeners.add(listener);
  }
  removeListener(listener: StorageChangeListener): void {
    this.listeners.delete(listener);
  }
  emit(changes: Record<string, StorageChangeLike>, areaName: string): void {
    for (const listener of this.listeners) listener(changes, areaName);
  }
}

export class FakeArea implements StorageAreaLike {
  readonly data = new Map<string, unknown>();
  /** Set to make every call reject, like a sync area turned off by policy. */
  failWith: Error | undefined;
  writes = 0;
  /** Chromium's MAX_WRITE_OPERATIONS_PER_MINUTE: each set and remove counts. */
  writesLeftThisMinute = Number.POSITIVE_INFINITY;
  /** Whose messages a refused write carries. */
  browser: QuotaBrowser = 'chromium';

  constructor(
    readonly name: string,
    private readonly event: FakeEvent,
    readonly quota?: Quota,
  ) {}

  private countWrite(): void {
    if (this.writesLeftThisMinute <= 0) throw new Error(QUOTA_MESSAGES.chromium.perMinute);
    this.writesLeftThisMinute--;
  }

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    if (this.failWith) throw this.failWith;
    const wanted = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWith) throw this.failWith;
    if (this.quota) {
      const messages = QUOTA_MESSAGES[this.browser];
      const next = new Map(this.data);
      for (const [key, value] of Object.entries(items)) next.set(key, value);
      for (const [key, value] of Object.entries(items)) {
        if (bytes(key, value) > this.quota.bytesPerItem) throw new Error(messages.bytesPerItem);
      }
      let total = 0;
      for (const [key, value] of next) total += bytes(key, value);
      if (total > this.quota.totalBytes) throw new Error(messages.totalBytes);
      if (next.size > this.quota.maxItems) throw new Error(messages.maxItems);
      this.countWrite();
    }
    this.writes++;
    const changes: Record<string, StorageChangeLike> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: structuredClone(value) };
      this.data.set(key, structuredClone(value));
    }
    this.event.emit(changes, this.name);
  }

  async remove(keys: string | string[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    if (this.quota) this.countWrite();
    const changes: Record<string, StorageChangeLike> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (!this.data.has(key)) continue;
      changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    if (Object.keys(changes).length > 0) this.event.emit(changes, this.name);
  }

  /** Total bytes as the quota counts them. */
  usedBytes(): number {
    let total = 0;
    for (const [key, value] of this.data) total += bytes(key, value);
    return total;
  }
}

export interface FakeStorage extends SettingsAreas {
  readonly sync: FakeArea;
  readonly local: FakeArea;
  readonly onChanged: FakeEvent;
}

export function fakeStorage(syncQuota: Quota = CHROME_SYNC_QUOTA): FakeStorage {
  const onChanged = new FakeEvent();
  return {
    sync: new FakeArea('sync', onChanged, syncQuota),
    local: new FakeArea('local', onChanged),
    onChanged,
  };
}
