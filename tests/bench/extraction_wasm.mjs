// Throughput of the WASM module on a JSON-lines file: loads it as the dashboard does (ES module fed its
// .wasm bytes), runs extractJson over every line `rounds` times and prints one JSON line of figures.
//   node extraction_wasm.mjs WASM_DIR INPUT.jsonl [rounds]
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const [wasmDir, input, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 1);
const { default: create } = await import(path.resolve(wasmDir, 'vendly_catalog.mjs'));
const m = await create({ wasmBinary: await readFile(path.resolve(wasmDir, 'vendly_catalog.wasm')) });
const lines = (await readFile(input, 'utf8')).split('\n').filter((l) => l.trim() !== '');

for (let i = 0; i < Math.min(lines.length, 2000); i++) m.extractJson(lines[i]);  // warm-up (JIT tiers)
let bytes = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const line of lines) bytes += m.extractJson(line).length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const captions = lines.length * rounds;
console.log(JSON.stringify({ captions, seconds, captions_per_second: captions / seconds, output_chars: bytes }));
