// The second-opinion merge (vendly/second_opinion.h) in the browser prints the native CLI's bytes
// (vendly-extract --second-opinion) for every dev-set product, weighed against a model that answers
// from the labels, one that gets every price wrong, one whose quotes are not in the caption, and none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = process.env.VENDLY_WASM_DIR ?? path.join(root, 'build/wasm');
const cli = process.env.VENDLY_EXTRACT ?? path.join(root, 'build/bin/vendly-extract');
const { default: create } = await import(path.join(wasmDir, 'vendly_catalog.mjs'));
const m = await create({ wasmBinary: await readFile(path.join(wasmDir, 'vendly_catalog.wasm')) });

const posts = (await readFile(path.join(root, 'tests/fixtures/captions-dev.jsonl'), 'utf8'))
  .split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const results = execFileSync(cli, { input: posts.map((p) => JSON.stringify(p)).join('\n') + '\n', maxBuffer: 1 << 28 })
  .toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));

// The caption's own spelling of an amount ("2,200" or "2200"), or null.
function amountQuote(caption, amount) {
  for (const s of [amount.toLocaleString('en-US'), String(amount)]) if (caption.includes(s)) return s;
  return null;
}

function modelItem(caption, label, kind) {
  const item = kind === 'bad' ? {} : { category: label.category };
  const quote = label.price == null ? null : amountQuote(caption, label.price);
  if (quote != null) {
    item.price = { value: kind === 'wrong' ? label.price * 10 + 100 : label.price, quote: kind === 'bad' ? 'KES 1,500 (example)' : quote };
  }
  const size = (label.sizes ?? []).find((s) => caption.toLowerCase().includes(s.toLowerCase()));
  if (size) item.sizes = { value: label.sizes, quote: kind === 'bad' ? 'size 99 (example)' : size };
  return item;
}

const lines = [];
posts.forEach((post, i) => {
  (results[i].products ?? []).forEach((product, j) => {
    const label = post.expected.products[j];
    for (const kind of ['right', 'wrong', 'bad', 'none']) {
      const model = kind === 'none' || !label ? null : modelItem(post.caption, label, kind);
      lines.push({ kind, engine: product, line: JSON.stringify({ product, caption: post.caption, model }) });
    }
  });
});

test('secondOpinion is byte-identical to the CLI over the dev set', () => {
  const native = execFileSync(cli, ['--second-opinion'], { input: lines.map((l) => l.line).join('\n') + '\n', maxBuffer: 1 << 28 })
    .toString('utf8').split('\n').filter((l) => l !== '');
  assert.equal(native.length, lines.length);
  assert.ok(lines.length > 400);
  let differing = 0;
  lines.forEach((l, i) => {
    const { product, caption, model } = JSON.parse(l.line);
    const w = m.secondOpinion(JSON.stringify(product), caption, JSON.stringify(model));
    if (w !== native[i] && ++differing <= 3) assert.equal(w, native[i], `line ${i + 1} differs`);
  });
  assert.equal(differing, 0);
});

test('a wrong price is disputed and held, a bad quote changes nothing, a right answer that agrees never lowers', () => {
  let disputed = 0;
  let before = 0;
  let after = 0;
  for (const l of lines) {
    const { product, caption, model } = JSON.parse(l.line);
    const out = JSON.parse(m.secondOpinion(JSON.stringify(product), caption, JSON.stringify(model)));
    if (l.kind === 'wrong' && model?.price && product.price != null) {
      assert.equal(out.price_disputed, true);
      assert.ok(out.confidence < 0.9);
      assert.deepEqual(Object.keys(out.disputes.price), ['engine', 'model', 'quote']);
      disputed++;
    }
    if (l.kind === 'bad' || l.kind === 'none') assert.equal(out.confidence, product.confidence);
    if (l.kind === 'right') {
      before += product.confidence >= 0.9;
      after += out.confidence >= 0.9;
      const agreed = Object.keys(out.disputes).length === 0 && !Object.values(out.sources).includes('model');
      if (agreed) assert.ok(out.confidence >= product.confidence, `lowered ${l.line.slice(0, 80)}`);
    }
  }
  assert.ok(disputed > 300, `disputed ${disputed}`);
  console.log(`# auto-approve coverage (>= 0.9) of dev products, model answering from the labels: ${before} without, ${after} with the second opinion`);
});

test('secondOpinion reports bad input as a JSON error', () => {
  assert.equal(JSON.parse(m.secondOpinion('{', 'c', 'null')).error, 'core: invalid JSON');
  assert.equal(JSON.parse(m.secondOpinion('{}', 'c', '[')).error, 'model: invalid JSON');
});
