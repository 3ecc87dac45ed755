import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIO } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';

function io(): CliIO & { out: string; err: string } {
  const sink = {
    lang: 'en' as const,
    interactive: false,
    out: '',
    err: '',
    stdout: (text: string) => {
      sink.out += text;
    },
    stderr: (text: string) => {
      sink.err += text;
    },
  };
  return sink;
}

const text = (name: string, city: string) =>
  `Hi, I am ${name}, 22 years old and now in ${city}. I welcome you in a clean and discreet apartment close to the station. Call or text for more information.`;

test('ads cluster --json follows the contract; a broken line is reported with its number and the rest is processed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ads-'));
  const file = join(dir, 'ads.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ id: 'a', text: text('Lisa', 'Utrecht'), phones: ['06 twaalf34 5678'] }),
      JSON.stringify({ id: 'b', text: text('Mira', 'Breda'), posted_at: '2026-01-02T10:00:00Z' }),
      '{"id": "broken", ',
      JSON.stringify({
        id: 'c',
        text: 'Something else entirely, nothing shared.',
        phones: ['+31 6 1234 5678'],
      }),
      JSON.stringify({ id: 'd', text: 'Alone', image_hashes: ['xyz'] }),
      JSON.stringify({ id: 'e', text: 'Alone too, with an image.', image_hashes: ['00000000000000ff'] }),
    ].join('\n'),
  );
  const sink = io();
  const code = await runCli(['ads', 'cluster', '--input', file, '--json'], sink);
  assert.equal(code, 0);
  assert.match(sink.err, /line 3: skipped: invalid JSON/);
  assert.match(sink.err, /line 5: skipped: image_hashes\.0: must be a 64-bit dHash/);
  const output = JSON.parse(sink.out) as {
    clusters: {
      id: string;
      ads: string[];
      evidence: { a: string; b: string; kind: string; detail: string; score: number }[];
    }[];
  };
  assert.deepEqual(Object.keys(output), ['clusters']);
  const ids = output.clusters.flatMap((c) => c.ads).sort();
  assert.deepEqual(ids, ['a', 'b', 'c', 'e'], 'every valid ad exactly once, singletons included');
  const abc = output.clusters.find((c) => c.ads.includes('a'))!;
  assert.deepEqual(abc.ads.sort(), ['a', 'b', 'c']);
  const kinds = abc.evidence.map((e) => e.kind).sort();
  assert.deepEqual(kinds, ['phone', 'text']);
  for (const e of abc.evidence) {
    assert.deepEqual(Object.keys(e), ['a', 'b', 'kind', 'detail', 'score']);
    assert.ok(e.score > 0 && e.score <= 1);
  }
  assert.equal(abc.evidence.find((e) => e.kind === 'phone')!.detail, 'same phone +31612345678');
});

test('ads cluster without --input or with a missing file says what is wrong', async () => {
  const sink = io();
  assert.equal(await runCli(['ads', 'cluster'], sink), 2);
  assert.match(sink.err, /--input/);
  const missing = io();
  assert.equal(await runCli(['ads', 'cluster', '--input', '/nonexistent/ads.jsonl'], missing), 2);
  assert.match(missing.err, /cannot read \/nonexistent\/ads\.jsonl/);
});
