// The README's test command: installs if needed, runs every package's vitest
// project, and closes with `tests: N passed, N failed` computed from vitest's
// JSON report (vitest's own summary is not what CI reads).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [join(root, 'scripts', 'ensure-install.mjs')], { stdio: 'inherit', cwd: root });

const reportDir = join(root, 'out');
const report = join(reportDir, 'vitest-report.json');
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);

let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A file that fails to load has no failed test but must still count as a failure.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed = (json.numFailedTests ?? 0) + brokenFiles;
} catch (err) {
  console.error(`could not read the vitest JSON report at ${report}: ${err instanceof Error ? err.message : err}`);
  failed = Math.max(failed, 1);
}
const code = run.status === 0 && failed === 0 ? 0 : 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(code);
