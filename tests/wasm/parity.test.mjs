// The WASM module must print exactly the native CLI's bytes for every dev-set line, and load the way the
// dashboard loads it (an ES module fed its .wasm bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = process.env.VENDLY_WASM_DIR ?? path.join(root, 'build/wasm');
const cli = process.env.VENDLY_EXTRACT ?? path.join(root, 'build/bin/vendly-extract');

async function loadModule() {
  const { default: create } = await import(path.join(wasmDir, 'vendly_catalog.mjs'));
  return create({ wasmBinary: await readFile(path.join(wasmDir, 'vendly_catalog.wasm')) });
}

const devLines = (await readFile(path.join(root, 'tests/fixtures/captions-dev.jsonl'), 'utf8'))
  .split('\n').filter((l) => l.trim() !== '');

test('extractJson is byte-identical to the CLI over the whole dev set', async () => {
  const m = await loadModule();
  const native = execFileSync(cli, { input: devLines.join('\n') + '\n', maxBuffer: 1 << 28 })
    .toString('utf8').split('\n').filter((l) => l !== '');
  assert.equal(native.length, devLines.length);
  let differing = 0;
  devLines.forEach((line, i) => {
    const w = m.extractJson(line);
    if (w !== native[i]) {
      differing++;
      if (differing <= 3) assert.equal(w, native[i], `line ${i + 1} differs`);
    }
  });
  assert.equal(differing, 0);
});

test('parsePriceJson is byte-identical to the CLI on the price examples', async () => {
  const m = await loadModule();
  const examples = (await readFile(path.join(root, 'tests/fixtures/price-parser-examples.jsonl'), 'utf8'))
    .split('\n').filter((l) => l.trim() !== '')
    .map((l) => { const e = JSON.parse(l); return JSON.stringify({ price_raw: e.price_raw, currency_raw: e.currency_raw, decimal_separator: e.decimal_separator }); });
  const native = execFileSync(cli, ['--price'], { input: examples.join('\n') + '\n', maxBuffer: 1 << 26 })
    .toString('utf8').split('\n').filter((l) => l !== '');
  examples.forEach((line, i) => assert.equal(m.parsePriceJson(line), native[i], `price line ${i + 1}`));
});

test('bad input gives a JSON error, not a trap', async () => {
  const m = await loadModule();
  assert.equal(JSON.parse(m.extractJson('{oops')).error, 'invalid JSON');
  assert.equal(JSON.parse(m.extractJson('{"id":"x","caption":7}')).error, '"caption" must be a string or null');
  const huge = JSON.stringify({ id: 'big', caption: '💰2500 '.repeat(150000), store_currency: 'KES' });
  const out = JSON.parse(m.extractJson(huge));
  assert.equal(out.id, 'big');
  const bad = m.extractJson('{"id":"u","caption":"\\udc00 only a lone surrogate"}');
  assert.ok(typeof JSON.parse(bad) === 'object');
});

test('constants() is the CLI\'s registry, which web/app/lib/registry.ts carries', async () => {
  const m = await loadModule();
  const native = execFileSync(cli, ['--constants']).toString('utf8').trimEnd();
  assert.equal(m.constants(), native);
  const ts = await readFile(path.join(root, 'web/app/lib/registry.ts'), 'utf8');
  const body = ts.slice(ts.indexOf('= ') + 2, ts.lastIndexOf(' as const'));
  assert.deepEqual(JSON.parse(body), JSON.parse(native));
});
