#!/usr/bin/env bash
# Bytes of text per prompt token of InferenceX's random prompts against natural text, on two public
# BPE vocabularies (Llama 3's 128k and OpenAI's o200k, gpt-oss's). InferenceX's benchmark_serving.py
# (sample_random_requests) builds each prompt from consecutive vocabulary ids starting at a random
# offset, decodes them to text and re-encodes that text; an API server's tokeniser works through
# the text's bytes, so its cost per prompt token follows the bytes per token (BenchmarkClient).
# Needs node and npm (fetches llama3-tokenizer-js 1.2.0 and gpt-tokenizer 4.0.0, both MIT, into a
# temporary directory). Usage: bench/prompt-bytes.sh [PROMPTS] [IDS_PER_PROMPT]
set -euo pipefail
prompts="${1:-200}"
ids="${2:-1024}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent llama3-tokenizer-js@1.2.0 gpt-tokenizer@4.0.0 >/dev/null \
  && mkdir llama3 gpt && tar xzf llama3-tokenizer-js-1.2.0.tgz -C llama3 && tar xzf gpt-tokenizer-4.0.0.tgz -C gpt)
cat > "$work/study.js" <<'JS'
const [prompts, ids, natural] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const llama = require('./llama3/package/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs').llama3Tokenizer;
const o200k = require('./gpt/package/cjs/encoding/o200k_base.js');
let seed = 20261203;
function random() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
const vocabularies = [
  ['llama3 (128,000 ids)', t => llama.encode(t, {bos: false, eos: false}).length, x => llama.decode(x), 128000],
  ['o200k (199,998 ids)', t => o200k.encode(t, {allowedSpecial: 'all'}).length, x => o200k.decode(x), 199998],
];
const text = require('fs').readFileSync(natural, 'utf8');
for (const [name, count, decode, vocab] of vocabularies) {
  let bytes = 0, tokens = 0;
  for (let i = 0; i < prompts; i++) {
    const offset = Math.floor(random() * vocab);
    const chosen = [];
    for (let j = 0; j < ids; j++) chosen.push((offset + i + j) % vocab);
    const prompt = decode(chosen);
    bytes += Buffer.byteLength(prompt, 'utf8');
    tokens += count(prompt);
  }
  const naturalBytes = Buffer.byteLength(text, 'utf8') / count(text);
  console.log(`${name}: random prompts ${(bytes / tokens).toFixed(2)} bytes per token `
      + `(${prompts} prompts of ${ids} ids); ${natural.split('/').pop()} ${naturalBytes.toFixed(2)}`);
}
JS
(cd "$work" && node study.js "$prompts" "$ids" "$root/README.md")
