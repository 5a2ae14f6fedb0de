/**
 * Finds the browsers the e2e tests drive: an environment variable first (CHROME_PATH,
 * FIREFOX_PATH), then the usual install paths. Where one is missing on Debian or Ubuntu and we
 * are root, it is installed with apt-get (and we say so); anywhere else the run stops with a
 * message that says how to install it. Playwright's and Puppeteer's own browser downloads are
 * not used: they need hosts these machines cannot reach, and branded Chrome ignores
 * --load-extension.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export type BrowserName = 'chromium' | 'firefox';

const CANDIDATES: Record<BrowserName, { env: string; paths: string[]; debianPackage: string }> = {
  chromium: {
    env: 'CHROME_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium'],
    debianPackage: 'chromium',
  },
  firefox: {
    env: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/snap/bin/firefox'],
    debianPackage: 'firefox-esr',
  },
};

function lookup(name: BrowserName): string | undefined {
  const { env, paths } = CANDIDATES[name];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${env} is set to ${fromEnv}, but there is no such file.`);
    return fromEnv;
  }
  return paths.find((path) => existsSync(path));
}

function isDebianLike(): boolean {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

/** The executable for `name`, installing it with apt-get where that is possible. */
export function findBrowser(name: BrowserName): string {
  const found = lookup(name);
  if (found) return found;
  const { env, debianPackage } = CANDIDATES[name];
  const canInstall = isDebianLike() && process.getuid?.() === 0;
  if (!canInstall) {
    throw new Error(
      `${name} was not found. Install it (on Debian or Ubuntu: sudo apt-get install -y ${debianPackage}) ` +
        `or point ${env} at its executable.`,
    );
  }
  console.log(`[e2e] ${name} is not installed: installing the Debian package ${debianPackage} with apt-get...`);
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-q', debianPackage], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = lookup(name);
  if (!installed) throw new Error(`apt-get installed ${debianPackage}, but no ${name} executable was found after it.`);
  return installed;
}
