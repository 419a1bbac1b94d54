// Installs the workspace's dependencies when they are missing or stale, so
// `npm run demo` and `npm test` work on a fresh clone with only Node and npm.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'pnpm-lock.yaml');
const installed = join(root, 'node_modules', '.pnpm', 'lock.yaml');

function upToDate() {
  if (!existsSync(installed)) return false;
  return readFileSync(installed, 'utf8') === readFileSync(lockfile, 'utf8');
}

function hasPnpm() {
  try {
    execSync('pnpm --version', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!upToDate()) {
  const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
  const pnpm = hasPnpm() ? 'pnpm' : `npm exec --yes pnpm@${pnpmVersion} --`;
  console.log(`Installing dependencies (${pnpm} install --frozen-lockfile)...`);
  execSync(`${pnpm} install --frozen-lockfile`, { cwd: root, stdio: 'inherit' });
}
