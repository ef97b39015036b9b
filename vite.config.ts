/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production page runs under a strict Content-Security-Policy: no `unsafe-eval`, scripts only from our own
 * origin. Dev mode is left without it because Vite's dev client injects an inline React-refresh preamble.
 * Monaco creates <style> elements at run time, hence `'unsafe-inline'` for styles only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // ATT&CK data: "Download from MITRE" fetches the official bundle from GitHub, only on the user's click. A bundle URL
  // configured on another host is blocked here on purpose; such a file is loaded with "Import bundle file…" instead
  // (app/attack/attack-store.ts says so before trying, ATTACK_DOWNLOAD_HOSTS).
  "connect-src 'self' https://raw.githubusercontent.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'rulebench-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [react(), contentSecurityPolicy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  optimizeDeps: {
    include: [
      '@kusto/monaco-kusto/release/esm/kusto.worker',
      '@kusto/monaco-kusto',
      'monaco-editor/esm/vs/editor/editor.worker',
      '@kusto/language-service-next/bridge.min.js',
      '@kusto/language-service-next/Kusto.Language.Bridge.min.js',
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 10000,
    rolldownOptions: {
      // Two known, harmless warnings from monaco-kusto's bundled Bridge.NET runtime (stack notes P12): a direct eval
      // in newtonsoft.json and an `fs` import; neither code path runs in the browser. Everything else is shown.
      onLog(level, log, handler) {
        const text = `${log.code ?? ''} ${log.message}`;
        if (/newtonsoft\.json\.min\.js/.test(text) && /eval/i.test(text)) return;
        if (/Module "fs" has been externalized/.test(text) && /@kusto\/language-service(-next)?\//.test(text)) return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            // Keeps Vite's preload helper out of the monaco chunk, so the entry does not pull all of Monaco.
            { name: 'vite-helpers', test: /preload-helper/, priority: 10 },
            { name: 'monaco', test: /node_modules[\\/]monaco-editor[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'kusto-main', test: /node_modules[\\/](@kusto|lodash-es|vscode-languageserver-types)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    root: '.',
    include: ['src/**/*.test.{ts,tsx}', 'app/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
