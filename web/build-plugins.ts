// Build steps after Vite has written dist/web (issue 19 item 15, page weight):
// 1. drop the CSS the app never uses (Utrecht component selectors no built file names, design tokens no rule reads),
//    then give the stylesheet a new content hash so an immutably cached file never changes under its name;
// 2. precompress every text asset (.br and .gz beside it), which the server sends by content negotiation.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import postcss, { type Root } from 'postcss';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json|map|txt)$/;
/** Utrecht's class names: a name ending in `-` is a prefix the code completes at run time (`utrecht-alert--${type}`). */
const UTRECHT_CLASS = /utrecht-[a-z0-9_-]+/g;
const CUSTOM_PROPERTY = /--[a-zA-Z0-9_-]+/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Is every Utrecht class this selector needs present in the built app? Other selectors are kept as they are. */
function selectorUsed(selector: string, used: Set<string>, prefixes: string[]): boolean {
  // Classes inside :not(), :is(), :where() or :has() do not make a rule dead (`:not(.x)` applies when .x is unused),
  // so only the selector's plain parts decide.
  let plain = selector;
  while (/\([^()]*\)/.test(plain)) plain = plain.replace(/\([^()]*\)/g, '');
  for (const match of plain.matchAll(/\.(utrecht-[a-z0-9_-]+)/g)) {
    const name = match[1];
    if (!used.has(name) && !prefixes.some((prefix) => name.startsWith(prefix))) return false;
  }
  return true;
}

/** Removes rules for Utrecht components the app does not render. */
function dropUnusedSelectors(root: Root, code: string): void {
  const used = new Set(code.match(UTRECHT_CLASS) ?? []);
  const prefixes = [...used].filter((name) => name.endsWith('-'));
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes/i.test((rule.parent as { name: string }).name)) return;
    const kept = rule.selectors.filter((selector) => selectorUsed(selector, used, prefixes));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
}

/**
 * Removes custom properties (design tokens) that nothing reads: no var() in the remaining CSS and no mention in the
 * built code. Repeated until stable, since a token is often read only by another unused token.
 */
function dropUnreadTokens(root: Root, code: string): void {
  const inCode = new Set(code.match(CUSTOM_PROPERTY) ?? []);
  for (;;) {
    const read = new Set<string>(inCode);
    root.walkDecls((decl) => {
      for (const name of decl.value.match(CUSTOM_PROPERTY) ?? []) read.add(name);
    });
    let removed = 0;
    root.walkDecls(/^--/, (decl) => {
      if (!read.has(decl.prop)) {
        decl.remove();
        removed++;
      }
    });
    if (removed === 0) return;
  }
}

function dropEmpty(root: Root): void {
  let changed = true;
  while (changed) {
    changed = false;
    root.walk((node) => {
      if ((node.type === 'rule' || node.type === 'atrule') && node.nodes && node.nodes.length === 0) {
        node.remove();
        changed = true;
      }
    });
  }
}

function purgeStylesheets(outDir: string): void {
  const files = filesUnder(outDir);
  const code = files
    .filter((file) => /\.(js|html)$/.test(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const renames = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.css'))) {
    const root = postcss.parse(readFileSync(file, 'utf8'));
    dropUnusedSelectors(root, code);
    dropUnreadTokens(root, code);
    dropEmpty(root);
    const css = root.toString();
    const hash = createHash('sha256').update(css).digest('base64url').slice(0, 8);
    const renamed = file.replace(/-[A-Za-z0-9_-]{8}\.css$/, `-${hash}.css`);
    writeFileSync(file, css);
    if (renamed !== file) {
      renameSync(file, renamed);
      renames.set(file.slice(outDir.length), renamed.slice(outDir.length));
    }
  }
  // The stylesheet's name appears in index.html (and in a chunk's preload list when a lazy page has its own CSS).
  for (const file of files.filter((name) => /\.(js|html)$/.test(name))) {
    const text = readFileSync(file, 'utf8');
    let next = text;
    for (const [from, to] of renames) {
      const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
      next = next.split(base(from)).join(base(to));
    }
    if (next !== text) writeFileSync(file, next);
  }
}

function precompress(outDir: string): void {
  for (const file of filesUnder(outDir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

/**
 * Utrecht's React bundle sets `Component.displayName = '…'` at module level for every one of its ~100 components; the
 * bundler must keep such property writes, and with them every component and its CSS. The names serve only React's
 * developer tools, so the build drops them and tree-shaking keeps just the components the app imports.
 */
export function utrechtTreeShaking(): Plugin {
  return {
    name: 'ketenplein-utrecht-tree-shaking',
    apply: 'build',
    transform(code, id) {
      if (!/@utrecht\/[a-z-]+-react\/dist\/.*\.mjs$/.test(id)) return null;
      return { code: code.replace(/^[A-Za-z_$][\w$]*\.displayName = '[^']*';$/gm, ''), map: null };
    },
  };
}

/** Build-only: purge unused CSS, then precompress (in that order, so the .br/.gz match the final files). */
export function finishWebBuild(): Plugin {
  let outDir = '';
  return {
    name: 'ketenplein-finish-web-build',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      purgeStylesheets(outDir);
      precompress(outDir);
    },
  };
}
