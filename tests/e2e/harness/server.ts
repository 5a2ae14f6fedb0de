/**
 * A static file server on 127.0.0.1 and a free port, for fixture pages and saved corpus pages.
 * Everything the browsers load comes from here; every other host is blocked by the browsers'
 * launch settings (see browsers.ts).
 *
 * Routes: /fixtures/<file> from tests/fixtures, /corpus/<file> from the corpus folder given to
 * the run (YALU_CORPUS_DIR). A fixture named `*.csp.html` is served with a strict
 * Content-Security-Policy that forbids inline styles and scripts, like many news sites do; any
 * page asked for with `?noscript` is served with a CSP that stops its own scripts.
 *
 * `extraRoutes` (optional) answers other paths before the static routes: the benchmark serves
 * its generated pages from memory through it. A response it returns gets the same `?noscript`
 * treatment as a file.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

export const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";

/** What an extra route answers: a body held in memory, with its type and any extra headers. */
export interface ExtraResponse {
  body: string | Uint8Array;
  type?: string;
  status?: number;
  headers?: Record<string, string>;
}

/** Returns a response for the URLs it serves, undefined for the rest (which fall through). */
export type ExtraRoute = (url: URL) => ExtraResponse | undefined;

export interface ServerOptions {
  extraRoutes?: ExtraRoute;
}

export interface FixtureServer {
  readonly origin: string;
  /** The path and query of every request the server has answered, in order. */
  readonly requests: string[];
  url(path: string): string;
  close(): Promise<void>;
}

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../fixtures');

export function corpusDir(): string | undefined {
  const dir = process.env.YALU_CORPUS_DIR ?? resolve(import.meta.dirname, '../../../../shared/corpus');
  return existsSync(join(dir, 'pages')) ? dir : undefined;
}

function safeJoin(root: string, path: string): string | undefined {
  const full = normalize(join(root, decodeURIComponent(path)));
  return full.startsWith(root) ? full : undefined;
}

export async function startServer(options: ServerOptions = {}): Promise<FixtureServer> {
  const corpus = corpusDir();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    const extra = options.extraRoutes?.(url);
    if (extra) {
      const headers: Record<string, string> = {
        'content-type': extra.type ?? 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...extra.headers,
      };
      if (url.searchParams.has('noscript')) headers['content-security-policy'] = "script-src 'none'";
      res.writeHead(extra.status ?? 200, headers).end(extra.body);
      return;
    }
    let file: string | undefined;
    if (url.pathname.startsWith('/fixtures/')) file = safeJoin(FIXTURES_DIR, url.pathname.slice('/fixtures/'.length));
    else if (url.pathname.startsWith('/corpus/') && corpus)
      file = safeJoin(join(corpus, 'pages'), url.pathname.slice('/corpus/'.length));
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (file.endsWith('.csp.html')) headers['content-security-policy'] = STRICT_CSP;
    // ?noscript keeps a saved page's own scripts from running (extension scripts are exempt from
    // page CSP), so whatever changes in its DOM can only come from the extension.
    if (url.searchParams.has('noscript')) headers['content-security-policy'] = "script-src 'none'";
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
