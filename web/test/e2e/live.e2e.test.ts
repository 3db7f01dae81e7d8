// Live updates in real Chromium against the whole system: two browser contexts of one user (two devices)
// see each other's changes within a second, another user sees none of them, and a device that was offline
// catches up on everything it missed when it reconnects.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import {
  addTodos,
  logIn,
  newUser,
  openPage,
  shownTodos,
  signUp,
  todoItems,
  waitUntilLive,
  type TestPage,
} from './harness.ts';
import { artifactsDir } from './paths.ts';

let browser: Browser;
let laptop: TestPage;
let phone: TestPage;
let stranger: TestPage;
/** The URLs of the phone's event-stream connections, to see how it reconnected. */
const phoneStreams: string[] = [];

/** Waits until `page` shows `expected`, and says how long that took. */
async function seen(page: Page, expected: string[], timeout = 2_000): Promise<number> {
  const started = Date.now();
  await expect.poll(() => shownTodos(page), { timeout, interval: 25 }).toEqual(expected);
  return Date.now() - started;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const ada = newUser('live');
  [laptop, phone, stranger] = await Promise.all([openPage(browser), openPage(browser), openPage(browser)]);
  phone.page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/events') phoneStreams.push(request.url());
  });
  await signUp(laptop.page, ada);
  await logIn(phone.page, ada);
  await signUp(stranger.page, newUser('stranger'));
});

afterAll(async () => {
  await browser?.close();
});

describe('two devices of one user', () => {
  it("each sees the other's changes within a second", async () => {
    await addTodos(laptop.page, 'milk', 'bread');
    expect(await seen(phone.page, ['milk', 'bread'])).toBeLessThan(1_000);

    await todoItems(phone.page).nth(0).locator('.toggle').check();
    expect(await seen(laptop.page, ['✓ milk', 'bread'])).toBeLessThan(1_000);

    await todoItems(laptop.page).nth(1).locator('label').dblclick();
    await todoItems(laptop.page).nth(1).locator('.edit').fill('rye bread');
    await todoItems(laptop.page).nth(1).locator('.edit').press('Enter');
    expect(await seen(phone.page, ['✓ milk', 'rye bread'])).toBeLessThan(1_000);

    await phone.page.locator('#toggle-all').check();
    expect(await seen(laptop.page, ['✓ milk', '✓ rye bread'])).toBeLessThan(1_000);

    await laptop.page.locator('button.clear-completed').click();
    await seen(phone.page, []);
    expect(await phone.page.locator('section.main').count()).toBe(0);

    await addTodos(phone.page, 'eggs');
    await seen(laptop.page, ['eggs']);
    await todoItems(phone.page).nth(0).hover();
    await todoItems(phone.page).nth(0).locator('.destroy').click();
    expect(await seen(laptop.page, [])).toBeLessThan(1_000);
  });

  it('another user sees none of it', async () => {
    expect(await shownTodos(stranger.page)).toEqual([]);
    await stranger.page.reload();
    await waitUntilLive(stranger.page);
    expect(await shownTodos(stranger.page)).toEqual([]);

    // And the other way round: the stranger's todo reaches neither of ada's devices.
    await addTodos(stranger.page, "stranger's secret");
    await addTodos(laptop.page, 'after the secret');
    await seen(phone.page, ['after the secret']);
    expect(await shownTodos(laptop.page)).toEqual(['after the secret']);
  });
});

describe('a device that was offline', () => {
  it('shows that it is offline, then catches up on every change it missed, resuming after its last event', async () => {
    const { page, context } = phone;
    await addTodos(laptop.page, 'walk the dog', 'water the plants');
    await seen(page, ['after the secret', 'walk the dog', 'water the plants']);
    const connectionsBefore = phoneStreams.length;

    await context.setOffline(true);
    const status = page.locator('.live-status');
    await page.locator('.live-status[data-status=offline]').waitFor({ state: 'attached' });
    expect(await status.textContent()).toContain('Offline — reconnecting…');
    expect(await status.isVisible()).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'offline.png') });

    // Meanwhile, on the laptop: an addition, a completion, a rename and a deletion.
    await addTodos(laptop.page, 'pay the rent');
    await todoItems(laptop.page).nth(1).locator('.toggle').check();
    await todoItems(laptop.page).nth(2).locator('label').dblclick();
    await todoItems(laptop.page).nth(2).locator('.edit').fill('water the roses');
    await todoItems(laptop.page).nth(2).locator('.edit').press('Enter');
    await todoItems(laptop.page).nth(0).hover();
    await todoItems(laptop.page).nth(0).locator('.destroy').click();
    const expected = ['✓ walk the dog', 'water the roses', 'pay the rent'];
    await seen(laptop.page, expected);
    expect(await shownTodos(page)).toEqual(['after the secret', 'walk the dog', 'water the plants']);

    await context.setOffline(false);
    await seen(page, expected, 5_000);
    await waitUntilLive(page);
    expect(await status.textContent()).toBe('');

    // It resumed from the last event it had (the gateway replayed what it missed), not from scratch.
    const reconnections = phoneStreams.slice(connectionsBefore);
    expect(reconnections.length).toBeGreaterThan(0);
    expect(reconnections.every((streamUrl) => /[?&]lastEventId=\d+$/.test(streamUrl))).toBe(true);
    for (const device of [laptop, phone]) expect(device.errors).toEqual([]);
  });
});
