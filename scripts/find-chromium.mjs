// Finds the Chromium the end-to-end tests drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// Playwright's own browser download is never used (this project must work where only Debian's packages install).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function findChromium({ install = false } = {}) {
  const candidate = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(candidate)) return candidate;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (install && isRoot && isDebian && !process.env.CHROMIUM_PATH) {
    console.log('rulebench: Chromium is not installed; installing Debian\'s chromium package with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const add = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }) : update;
    if (add.status === 0 && existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
    console.error('rulebench: installing chromium with apt-get failed; see the output above.');
    return null;
  }
  console.error(
    `rulebench: no Chromium at ${candidate}. The end-to-end tests need it.\n` +
      '  On Debian or Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  Elsewhere: install Chromium and set CHROMIUM_PATH=/path/to/chromium',
  );
  return null;
}
