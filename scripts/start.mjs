// `npm start`: install what is missing, build when the sources changed, serve the IDE on http://localhost:5173.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies } from './ensure-deps.mjs';

const PORT = 5173;
const SOURCES = ['app', 'src', 'public', 'vite.config.ts', 'package-lock.json', 'index.html'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

ensureDependencies();

const built = join('dist', 'index.html');
const sourcesTime = Math.max(...SOURCES.map(newestMtime));
if (!existsSync(built) || statSync(built).mtimeMs < sourcesTime) {
  console.log('rulebench: building the IDE…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  stdio: ['inherit', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  if (!announced && String(chunk).includes(String(PORT))) {
    announced = true;
    console.log(`\nRulebench is running at http://localhost:${PORT}  (Ctrl+C to stop)\n`);
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
