/**
 * Meta-tests: conventions of the codebase that a reviewer would otherwise check by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../src/knowledge/types';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(join(root, 'src')).map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

/** Names that build markup from a string, or reach code that does, in any position. */
const MARKUP_NAMES = new Set([
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
  'createContextualFragment',
  'parseFromString',
  'srcdoc',
  'dangerouslySetInnerHTML',
]);

/**
 * Where a source file writes markup or runs code from a string. It reads the syntax tree, not the
 * text, so comments and prose do not count and no spelling escapes it: a property written with
 * a dot or in brackets, an object key, a destructured name or a JSX attribute all count, as do
 * `document.write`, `eval`, `new Function`, string timers and `javascript:` URLs. Markup made of
 * constants only is refused as well: Preact and the DOM build every node this extension needs.
 */
function markupAndEvalOffences(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const offences: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    offences.push(`${path}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && MARKUP_NAMES.has(node.text)) {
      // A string that merely mentions a name is prose unless it names a property or attribute.
      const parent = node.parent;
      const naming =
        ts.isIdentifier(node) ||
        ts.isElementAccessExpression(parent) ||
        ts.isPropertyAssignment(parent) ||
        (ts.isCallExpression(parent) && /setAttribute/.test(parent.expression.getText(source)));
      if (naming) report(node, node.text);
    }
    if (ts.isPropertyAccessExpression(node) && /^write(ln)?$/.test(node.name.text)) {
      if (/document/i.test(node.expression.getText(source))) report(node, 'document.write');
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression.getText(source);
      if (/(^|\.)eval$/.test(callee)) report(node, 'eval');
      if (/(^|\.)Function$/.test(callee)) report(node, 'Function constructor');
      const first = node.arguments?.[0];
      if (/(^|\.)set(Timeout|Interval)$/.test(callee) && first && ts.isStringLiteralLike(first)) {
        report(node, 'timer with code in a string');
      }
    }
    if (ts.isStringLiteralLike(node) && /^\s*javascript:/i.test(node.text)) report(node, 'javascript: URL');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return offences;
}

describe('conventions', () => {
  it('never builds markup from strings (no innerHTML and the like), never evaluates code', () => {
    const offences = files.flatMap(({ path, text }) => markupAndEvalOffences(path, text));
    expect(offences).toEqual([]);
  });

  it('the markup rule catches every way of writing markup or code that it names', () => {
    const caught = [
      'el.innerHTML = html;',
      'el.innerHTML += more;',
      "el['innerHTML'] = html;",
      'Object.assign(el, { innerHTML: html });',
      'const { outerHTML } = el;',
      'el.outerHTML = html;',
      "el.insertAdjacentHTML('beforeend', html);",
      'document.write(html);',
      'frame.contentDocument.writeln(html);',
      'el.setHTMLUnsafe(html);',
      'Document.parseHTMLUnsafe(html);',
      'range.createContextualFragment(html);',
      "new DOMParser().parseFromString(html, 'text/html');",
      'iframe.srcdoc = html;',
      "iframe.setAttribute('srcdoc', html);",
      'const view = <div dangerouslySetInnerHTML={{ __html: html }} />;',
      'eval(code);',
      'globalThis.eval(code);',
      "new Function('a', code);",
      "setTimeout('run()', 10);",
      'setInterval(`run()`, 10);',
      "link.href = 'javascript:void(0)';",
    ];
    for (const sample of caught) expect(markupAndEvalOffences('sample.tsx', sample), sample).not.toEqual([]);
    const harmless = [
      '// never set innerHTML here; eval(x) is banned',
      '/* el.insertAdjacentHTML */ el.textContent = text;',
      "const words = 'uses innerHTML nowhere';",
      'setTimeout(() => run(), 10);',
      'const view = <div title={html}>{html}</div>;',
      'node.append(document.createElement("p"));',
    ];
    for (const sample of harmless) expect(markupAndEvalOffences('sample.tsx', sample), sample).toEqual([]);
  });

  it('keeps pure modules free of browser APIs', () => {
    const pure = files.filter(({ path }) => /^src\/(knowledge|matching)\//.test(path));
    expect(pure.length).toBeGreaterThan(5);
    const offences = pure.filter(({ text }) =>
      /webextension-polyfill|\bdocument\.|\bwindow\.|\bchrome\.|\bbrowser\./.test(
        text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      ),
    );
    expect(offences.map(({ path }) => path)).toEqual([]);
  });

  it('makes no network request from extension code', () => {
    const offences = files.filter(({ text }) =>
      /\bfetch\(|XMLHttpRequest|WebSocket\(|sendBeacon|EventSource\(|RTCPeerConnection|WebTransport|importScripts/.test(
        text,
      ),
    );
    expect(offences.map(({ path }) => path)).toEqual([]);
  });

  it('documents every topic id in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(TOPIC_IDS.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
