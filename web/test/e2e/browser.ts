// Launches the machine's Debian Chromium through playwright-core (`npx playwright install` cannot work here:
// no downloads).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * A headless Chromium. `chromium.launch` gives every browser a fresh temporary user-data dir (removed on
 * close), so no profile state leaks between runs. A missing Chromium fails the test loudly: an e2e suite
 * that skips itself proves nothing.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it with \`apt-get install -y chromium\` ` +
        '(the CI script does), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}
