/**
 * The CPU time of a Chromium renderer's main thread, read from Linux's /proc.
 *
 * Why: the benchmark runs on small shared machines (2 cores, other jobs beside it). Wall-clock
 * time then measures the scheduler as much as the code, and unevenly: a 0.5 ms floor pass often
 * runs uninterrupted while a 20 ms scan rarely does, which skews exactly the ratio we report. The
 * CPU time the thread got (/proc/<pid>/task/<tid>/schedstat, first field, nanoseconds, current
 * even while the thread runs) does not count the time it waited for a core. A renderer's main
 * thread is its first thread, whose tid is the pid.
 *
 * The renderer of a tab is found by making it busy: the one whose main thread gained about the
 * busy time is it. Elsewhere than Linux (or if /proc is unreadable) callers fall back to the
 * wall clock.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function threadCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
  return Number(fields[0]) / 1e6;
}

export function cpuClockAvailable(): boolean {
  try {
    threadCpuMs(process.pid);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until the browser's processes below this one have been quiet (under `quietMs` of CPU in
 * a 500 ms window) or `maxMs` passed: a new Chromium spends its first seconds warming up its
 * own WebUI renderers, which would compete with the first measurements on a small machine.
 */
export async function waitForQuiet(quietMs = 25, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  const total = (): number => {
    let sum = 0;
    for (const pid of descendants(process.pid)) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime (fields 14 and 15 of stat; 12 and 13 after "state"), in clock ticks (10 ms).
        sum += (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // ended
      }
    }
    return sum;
  };
  let previous = total();
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 500));
    const now = total();
    if (now - previous <= quietMs) return;
    previous = now;
  }
}

function descendants(rootPid: number): number[] {
  const parentOf = processParents();
  return [...parentOf.keys()].filter((pid) => isBelow(parentOf, pid, rootPid));
}

function processParents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses, so cut after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  return parentOf;
}

function isBelow(parentOf: Map<number, number>, pid: number, rootPid: number): boolean {
  for (let current = parentOf.get(pid); current !== undefined && current > 1; current = parentOf.get(current)) {
    if (current === rootPid) return true;
  }
  return false;
}

/** Renderer processes below `rootPid` (by default this Node process, which launched the browser). */
export function rendererPids(rootPid = process.pid): number[] {
  const parentOf = processParents();
  const renderers: number[] = [];
  for (const pid of parentOf.keys()) {
    if (!isBelow(parentOf, pid, rootPid)) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      // Not the browser's own WebUI (the omnibox popup is a renderer too).
      if (command.includes('--type=renderer') && !command.includes('--top-chrome-webui')) renderers.push(pid);
    } catch {
      // ended
    }
  }
  return renderers;
}

/**
 * The renderer whose main thread runs `busy(ms)` (a call that keeps the page's main thread busy
 * for about `ms`): the candidate that gained the most CPU time, if it gained at least a third of
 * it, and gains it again on a second, checking call (so a renderer that happened to be busy on
 * its own is not taken for the page's).
 */
export async function findBusyRenderer(busy: (ms: number) => Promise<unknown>): Promise<number | undefined> {
  // On a loaded machine the busy tab may get little CPU in one try; a few tries settle it.
  for (let attempt = 0; attempt < 6; attempt++) {
    const found = await busiestRenderer(() => busy(60), 60);
    if (found === undefined) continue;
    const before = threadCpuMs(found);
    await busy(40);
    if (threadCpuMs(found) - before > 40 / 3) return found;
  }
  return undefined;
}

async function busiestRenderer(busy: () => Promise<unknown>, busyMs: number): Promise<number | undefined> {
  const candidates = rendererPids();
  const before = new Map<number, number>();
  for (const pid of candidates) {
    try {
      before.set(pid, threadCpuMs(pid));
    } catch {
      // ended
    }
  }
  await busy();
  let best: number | undefined;
  let bestGain = busyMs / 3;
  for (const [pid, start] of before) {
    try {
      const gain = threadCpuMs(pid) - start;
      if (gain > bestGain) {
        best = pid;
        bestGain = gain;
      }
    } catch {
      // ended
    }
  }
  return best;
}
