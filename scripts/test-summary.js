// Prints Jest's totals as one plain closing line ("tests: N passed, N failed, N skipped") for CI log readers.
import { readFileSync } from 'node:fs';

try {
  const r = JSON.parse(readFileSync('.jest-results.json', 'utf8'));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  process.exitCode = r.success && r.numTotalTests > 0 ? 0 : 1;
} catch (error) {
  console.log('tests: 0 passed, 1 failed');
  console.error(`no Jest results to summarise: ${error.message}`);
  process.exitCode = 1;
}
