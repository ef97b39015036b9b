// Installs dependencies when node_modules is missing or was installed from a different package-lock.json.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const STAMP = join('node_modules', '.rulebench-lock-hash');

function lockHash(root) {
  const lock = join(root, 'package-lock.json');
  const text = existsSync(lock) ? readFileSync(lock) : readFileSync(join(root, 'package.json'));
  return createHash('sha256').update(text).digest('hex');
}

export function ensureDependencies(root = process.cwd()) {
  const wanted = lockHash(root);
  const stampPath = join(root, STAMP);
  const installed = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : null;
  if (installed === wanted && existsSync(join(root, 'node_modules', '.bin', 'vite'))) return;
  const reason = installed === null ? 'dependencies are not installed' : 'package-lock.json changed since the last install';
  console.log(`rulebench: ${reason}; running npm ci…`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('rulebench: npm ci failed; see the output above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampPath, `${wanted}\n`);
}
