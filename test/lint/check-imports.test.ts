import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { checkImports, importsOf } from '../../scripts/check-imports.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const fixtures: string[] = [];
after(() => {
  for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away src/ tree: { 'signals/store/x.ts': 'source', ... }. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kp-imports-'));
  fixtures.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  return root;
}

test('the code base keeps its import boundaries and has no import cycle', () => {
  assert.deepEqual(checkImports(ROOT), []);
});

test('a capability reaching into another capability’s internals is refused, its index.ts is not', () => {
  const root = tree({
    'signals/index.ts': "export { x } from './store/x.ts';\n",
    'signals/store/x.ts': 'export const x = 1;\n',
    'crawler/ok.ts': "import { x } from '../signals/index.ts';\nexport const y = x;\n",
    'crawler/bad.ts': "// a comment\nimport { x } from '../signals/store/x.ts';\nexport const z = x;\n",
    'crawler/bad.test.ts': "import { x } from '../signals/store/x.ts';\nexport const t = x;\n",
  });
  assert.deepEqual(checkImports(root), [
    "src/crawler/bad.ts:2 imports src/signals/store/x.ts: use signals's published interface (src/signals/index.ts), not its internals",
  ]);
});

test('a base layer importing upwards, a lazy import of internals and a manifest import are refused', () => {
  const root = tree({
    'store/a.ts': "import { b } from '../access/b.ts';\nexport const a = b;\n",
    'access/b.ts': 'export const b = 1;\n',
    'signals/manifest.ts': 'export const m = 1;\n',
    'signals/c.ts': 'export const c = 1;\n',
    'estimate/d.ts':
      "export const load = () => import('../signals/c.ts');\nimport { m } from '../signals/manifest.ts';\nexport const e = m;\n",
  });
  const problems = checkImports(root);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(
    problems[0],
    /^src\/estimate\/d\.ts:1 imports src\/signals\/c\.ts: use signals's published interface/,
  );
  assert.match(
    problems[1],
    /^src\/estimate\/d\.ts:2 imports src\/signals\/manifest\.ts: only src\/capabilities\.ts/,
  );
  assert.match(
    problems[2],
    /^src\/store\/a\.ts:1 imports src\/access\/b\.ts: store may import only domain, store/,
  );
});

test('an import cycle is found; type-only and lazy imports do not make one', () => {
  const cyclic = tree({
    'estimate/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
    'estimate/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
  });
  assert.deepEqual(checkImports(cyclic), ['import cycle: src/estimate/a.ts → src/estimate/b.ts']);
  const fine = tree({
    'estimate/a.ts':
      "import type { B } from './b.ts';\nimport { type C } from './b.ts';\nexport type A = B | C;\n",
    'estimate/b.ts':
      "export type B = 1;\nexport type C = 2;\nexport const load = () => import('./a.ts');\nexport const b = 1;\n",
  });
  assert.deepEqual(checkImports(fine), []);
});

test('imports are read from statements, re-exports and dynamic imports, not from comments or strings', () => {
  const found = importsOf(
    [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "export { c } from './c.ts';",
      "import './d.ts';",
      "const e = await import('./e.ts');",
      "// import x from './commented.ts';",
      '/* import y from "./block.ts"; */',
      "import fs from 'node:fs';",
    ].join('\n'),
  );
  assert.deepEqual(
    found.map((i) => [i.spec, i.typeOnly, i.dynamic]),
    [
      ['./a.ts', false, false],
      ['./b.ts', true, false],
      ['./c.ts', false, false],
      ['./d.ts', false, false],
      ['./e.ts', false, true],
    ],
  );
});
