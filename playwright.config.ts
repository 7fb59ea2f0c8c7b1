import { defineConfig } from '@playwright/test';

/**
 * Playwright drives Debian's Chromium (never a downloaded browser) against `cnp serve`, and the
 * Electron app where its binary exists. One worker: each test starts its own server and database,
 * and the CI machine has two cores.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    {
      // Launches the app itself through `_electron`; the specs skip themselves when the binary is absent.
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
