// Re-renders bench/RESULTS.md from bench/RESULTS.json (e.g. after editing bench/METHOD.md or bench/ANALYSIS.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './lib/child.js';
import { renderMarkdown } from './lib/report.js';

const report = JSON.parse(readFileSync(resolve(REPO_ROOT, 'bench/RESULTS.json'), 'utf8'));
writeFileSync(resolve(REPO_ROOT, 'bench/RESULTS.md'), renderMarkdown(report));
console.log('wrote bench/RESULTS.md');
