#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by package and
// by function, and inclusive time of a few frames worth knowing about.
//
//   node bench/profile-summary.mjs bench/.out/profiles/CPU.*.cpuprofile [--top 30]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

// Self time per node from the sample intervals.
const self = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const delta = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function packageOf(url) {
  if (!url) return '(native/V8)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/dist/')) return 'app (dist)';
  return url;
}
function label(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}`
    : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

const byPackage = new Map();
const byFunction = new Map();
for (const [id, time] of self) {
  const node = nodes.get(id);
  const name = node.callFrame.functionName;
  const pkg = ['(garbage collector)', '(idle)', '(program)'].includes(name)
    ? name
    : packageOf(node.callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + time);
}

const pct = (time) => `${((time / total) * 100).toFixed(1).padStart(5)}%`;
const busy = total - (byPackage.get('(idle)') ?? 0);
process.stdout.write(
  `profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n\n`,
);
process.stdout.write('self time by package\n');
for (const [pkg, time] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`  ${pct(time)}  ${pkg}\n`);
}
process.stdout.write('\nself time by function\n');
for (const [fn, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`  ${pct(time)}  ${fn}\n`);
}

// Inclusive time of frames whose name matches, counted once per sample stack.
const patterns = process.argv
  .filter((arg) => arg.startsWith('--frame='))
  .map((arg) => arg.slice(8));
if (patterns.length) {
  process.stdout.write('\ninclusive time of matching frames\n');
  for (const pattern of patterns) {
    let time = 0;
    for (const [id, t] of self) {
      let cursor = id;
      while (cursor !== undefined) {
        if (label(nodes.get(cursor)).includes(pattern)) {
          time += t;
          break;
        }
        cursor = parent.get(cursor);
      }
    }
    process.stdout.write(`  ${pct(time)}  ${pattern}\n`);
  }
}
