// The draft rules reach the browser through the same JSON face as the server: a few calls through the
// WASM module show each export is wired to its rule (the rules themselves are unit-tested natively).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = process.env.VENDLY_WASM_DIR ?? path.join(root, 'build/wasm');
const { default: create } = await import(path.join(wasmDir, 'vendly_catalog.mjs'));
const m = await create({ wasmBinary: await readFile(path.join(wasmDir, 'vendly_catalog.wasm')) });

const draft = {
  name: 'Oversized Hoodie', description: '', price: 2200, currency: 'KES', compare_at_price: null,
  category: 'Fashion & Apparel', sizes: ['M', 'L'], colors: ['black'], tags: [],
};

test('validateDraft reports a seller-readable error per bad field', () => {
  const ok = JSON.parse(m.validateDraft(JSON.stringify(draft)));
  assert.equal(ok.ok, true);
  const bad = JSON.parse(m.validateDraft(JSON.stringify({ ...draft, name: '', price: -5, currency: 'XYZ' })));
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['currency', 'name', 'price']);
  for (const e of bad.errors) assert.ok(e.message.length > 10);
});

test('applyEdits normalises what the seller types', () => {
  const r = JSON.parse(m.applyEdits(JSON.stringify(draft), JSON.stringify({ sizes: ['38-40'], colors: ['Nyekundu'], price: 1999 })));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.draft.sizes, ['38', '39', '40']);
  assert.deepEqual(r.draft.colors, ['red']);
  assert.equal(r.draft.price, 1999);
  const wrong = JSON.parse(m.applyEdits(JSON.stringify(draft), JSON.stringify({ price: 'cheap' })));
  assert.equal(wrong.errors[0].code, 'wrong_type');
});

test('slugify makes a slug unique within the store', () => {
  assert.equal(JSON.parse(m.slugify('Oversized Hoodie 🔥', '["oversized-hoodie"]')).slug, 'oversized-hoodie-2');
});

test('syncMerge follows Instagram where the seller did not edit and reports conflicts', () => {
  const base = draft;
  const theirs = { ...draft, price: 2000, name: 'Oversized Hoodie Sale' };
  const ours = { ...draft, name: 'Premium Hoodie' };
  const r = JSON.parse(m.syncMerge(JSON.stringify(base), JSON.stringify(theirs), JSON.stringify(ours)));
  assert.equal(r.merged.price, 2000);
  assert.deepEqual(r.conflicts.map((c) => c.field), ['name']);
});

test('bad JSON gives an error object from every export', () => {
  for (const out of [m.validateDraft('{'), m.applyEdits('{', '{}'), m.syncMerge('[', '{}', '{}'), m.secondOpinion('x', '', 'null')]) {
    assert.ok(typeof JSON.parse(out).error === 'string');
  }
});
