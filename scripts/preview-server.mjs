// Serves a production build with `vite preview` for the scripts that drive Chromium (bench:load, bench:edit,
// screenshot). Vite is started directly, not through npx, so that stopping it stops the server itself: a server
// left behind by npx kept the port and served an old build to the next run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/** Starts `vite preview` on 127.0.0.1:port (optionally for another build folder) and waits until it answers. */
export async function startPreview({ port, outDir, timeoutMs = 30_000 }) {
  const url = `http://127.0.0.1:${port}/`;
  if (await answers(url)) throw new Error(`port ${port} is already serving something; stop it first (an old preview server?)`);
  const args = [VITE, 'preview', ...(outDir ? ['--outDir', outDir] : []), '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // strictPort makes vite exit when the port is taken: never measure whatever else is listening there.
    if (exited !== null) throw new Error(`vite preview exited (${exited}) before serving on port ${port}: ${stderr.trim()}`);
    if (await answers(url)) return { url, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
