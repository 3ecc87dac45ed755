// The import boundaries of src/ (README, "How to add a capability"), checked by `npm test`:
//
// - the base layers import only downwards: `domain` imports only `domain`; `store` imports `domain` and
//   `store`; `access` imports `domain`, `store` and `access`;
// - a capability (every other folder of src/ except the wiring in `server` and `cli`) may import its own
//   folder, the base layers, the framework helpers the wiring offers (FRAMEWORK below: CLI helpers,
//   the request context, `src/capability.ts`), the registry `src/capabilities.ts` (privacy loops over it;
//   the base layers may not), and another capability only through its published interface `<cap>/index.ts`;
// - a capability's `grants.ts` (data only) may import another capability's `grants.ts`;
// - nobody but the registry (`src/capabilities.ts`) imports a `manifest.ts`;
// - no import cycles among the runtime (non-type) static imports of src/.
//
// Test files (`*.test.ts`) may reach anything: a test sets up what it needs. Plain JavaScript without
// dependencies, so it runs before anything is compiled; `node scripts/check-imports.mjs [root]` prints every
// breach with file and line and exits 1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const BASE = { domain: ['domain'], store: ['domain', 'store'], access: ['domain', 'store', 'access'] };
const WIRING = new Set(['server', 'cli']);
/** Wiring modules a capability may use: CLI helpers, the request context and wire style for its route handlers. */
const FRAMEWORK = new Set([
  'capability.ts',
  'cli/commands.ts',
  'cli/flags.ts',
  'cli/io.ts',
  'server/context.ts',
  'server/errors.ts',
  // The API's wire style (camelCase, timestamps, mappers' helpers) that every capability's routes answer in.
  'server/wire.ts',
]);
/**
 * Route handlers still live in src/server/routes until they move into their capability's folder; a
 * manifest may point at them (lazily).
 */
const MANIFEST_MAY_LOAD = /^server\/routes\/[^/]+\.ts$/;
/** Known, deliberate exceptions: [importing file, imported path pattern], each with its reason. */
const EXCEPTIONS = [
  // The demo world (outside production only) creates users with passwords and roles: seeding, not storage.
  ['store/demo.ts', /^access\/(passwords|roles)\.ts$/],
  // The policy engine reads every capability's grants from the registry; the manifests import the grants as
  // data only, so this makes no cycle (checked below like every other import).
  ['access/policy.ts', /^capabilities\.ts$/],
];

function sourceFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Blanks comments and the insides of template literals, keeping line numbers. */
function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"\\])\/\/[^\n]*/g, (m, p) => p + ' '.repeat(m.length - p.length));
}

/** Every relative import of a file: { spec, line, typeOnly, dynamic }. */
export function importsOf(text) {
  const code = stripComments(text);
  const found = [];
  const lineOf = (index) => code.slice(0, index).split('\n').length;
  const statement = /(^|[;\n}])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(statement)) {
    const typeOnly = Boolean(m[3]) || (/^\{[^}]*\}$/.test(m[4].trim()) && allTypeSpecifiers(m[4]));
    found.push({
      spec: m[5],
      line: lineOf(m.index + m[0].search(/\b(import|export)\b/)),
      typeOnly,
      dynamic: false,
    });
  }
  for (const m of code.matchAll(/(^|[;\n}])\s*import\s*['"]([^'"]+)['"]/g)) {
    found.push({
      spec: m[2],
      line: lineOf(m.index + m[0].search(/\bimport\b/)),
      typeOnly: false,
      dynamic: false,
    });
  }
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ spec: m[1], line: lineOf(m.index), typeOnly: false, dynamic: true });
  }
  return found.filter((i) => i.spec.startsWith('.')).sort((x, y) => x.line - y.line);
}

function allTypeSpecifiers(clause) {
  const names = clause
    .trim()
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/** The area of a path relative to src/: its first folder, or '' for a file at the top. */
function areaOf(rel) {
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '';
}

export function checkImports(root) {
  const src = join(root, 'src');
  const files = sourceFiles(src);
  const problems = [];
  const graph = new Map();
  for (const file of files) {
    const rel = relative(src, file).split(sep).join('/');
    const isTest = /\.test\.tsx?$/.test(rel);
    const edges = [];
    for (const imp of importsOf(readFileSync(file, 'utf8'))) {
      const target = relative(src, resolve(dirname(file), imp.spec))
        .split(sep)
        .join('/');
      if (target.startsWith('..')) continue; // outside src (package.json and the like)
      if (!imp.typeOnly && !imp.dynamic) edges.push(target);
      if (isTest) continue;
      const why = breach(rel, target);
      if (why) problems.push(`src/${rel}:${imp.line} imports src/${target}: ${why}`);
    }
    graph.set(rel, edges);
  }
  for (const cycle of cycles(graph))
    problems.push(`import cycle: ${cycle.map((f) => `src/${f}`).join(' → ')}`);
  return problems;
}

function breach(from, to) {
  const a = areaOf(from);
  const b = areaOf(to);
  if (to.endsWith('/manifest.ts') && from !== 'capabilities.ts') {
    return 'only src/capabilities.ts imports a manifest';
  }
  if (a === '' || WIRING.has(a)) return null; // the registry and the wiring put things together
  if (a === b) return null;
  if (from.endsWith('/manifest.ts') && MANIFEST_MAY_LOAD.test(to)) return null;
  if (FRAMEWORK.has(to)) return null;
  // Grants are data (no runtime import of a capability): one capability's grants may reuse another's field
  // lists (the visa desk's signal creates a signal with signals' submission fields) without loading its code.
  if (from.endsWith('/grants.ts') && /^[a-z_]+\/grants\.ts$/.test(to)) return null;
  if (EXCEPTIONS.some(([f, t]) => f === from && t.test(to))) return null;
  if (to === 'capabilities.ts') {
    return BASE[a] ? `${a} is below the registry and may not read it` : null;
  }
  if (BASE[a]) {
    return BASE[a].includes(b) ? null : `${a} may import only ${BASE[a].join(', ')}`;
  }
  // a capability
  if (BASE[b]) return null;
  if (b !== '' && !WIRING.has(b) && to === `${b}/index.ts`) return null;
  if (b === '' || WIRING.has(b)) return `a capability may not import the wiring (${to})`;
  return `use ${b}'s published interface (src/${b}/index.ts), not its internals`;
}

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indices.get(w)));
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
  const problems = checkImports(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} import boundary breach(es); see scripts/check-imports.mjs`);
    process.exit(1);
  }
}
