import { defineConfig, devices } from '@playwright/test';

// Overridable so that several checkouts or agents can run the suite at once without sharing a port or a build.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR;
const outDirFlag = OUT_DIR ? ` --outDir ${JSON.stringify(OUT_DIR)} --emptyOutDir` : '';

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_RESULTS_DIR ?? 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // Chromium's background services would try to reach the network, which this product never needs.
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build --logLevel warn${outDirFlag} && npx vite preview${OUT_DIR ? ` --outDir ${JSON.stringify(OUT_DIR)}` : ''} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
