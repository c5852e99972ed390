// Sums the JSON reports that Vitest and Playwright wrote under a directory and prints "N passed, N failed".
// Steps that failed before producing a report (lint, typecheck, install) count as one failure each.
// Usage: node scripts/count-results.mjs <reports-dir> <failed-steps>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [dir, failedSteps = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let reportsFound = 0;

const walk = (d) => {
  let entries = [];
  try {
    entries = readdirSync(d);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.json')) count(JSON.parse(readFileSync(p, 'utf8')), name);
  }
};

const count = (report, name) => {
  reportsFound++;
  if (typeof report.numPassedTests === 'number') {
    // Vitest's json reporter (Jest-compatible shape).
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numTotalTests === 0) failed++;
    return;
  }
  if (report.stats && typeof report.stats.expected === 'number') {
    // Playwright's json reporter.
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    return;
  }
  console.error(`unrecognised report ${name}`);
  failed++;
};

walk(dir);
const stepFailures = Number(failedSteps);
// A step that failed while its own tests all passed (lint, typecheck) still has to show up as a failure.
const extra = stepFailures > 0 && failed === 0 ? stepFailures : 0;
if (reportsFound === 0 && stepFailures === 0) failed++;
console.log(`${passed} passed, ${failed + extra} failed`);
process.exit(failed + extra > 0 ? 1 : 0);
