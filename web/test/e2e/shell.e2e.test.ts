// Smoke test of the UI shell in real Chromium: the TodoMVC header on `/`, the login form, and the form
// action answering through the same-origin setup the gateway provides.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { artifactsDir } from './paths.ts';
import { startTarget, type Target } from './target.ts';

let target: Target | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  const [started, launched] = await Promise.allSettled([startTarget(), launchBrowser()]);
  if (started.status === 'fulfilled') target = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  if (started.status === 'rejected') throw started.reason;
  if (launched.status === 'rejected') throw launched.reason;
  page = await launched.value.newPage({ viewport: { width: 800, height: 600 } });
  // Fail in seconds with Playwright's own message rather than at the test timeout.
  page.setDefaultTimeout(5_000);
  mkdirSync(artifactsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await target?.stop();
});

function url(path: string): string {
  if (!target) throw new Error('no target');
  return target.baseUrl + path;
}

describe('the todo page shell', () => {
  it('shows the TodoMVC header with the new-todo input focused, and no list or footer yet', async () => {
    const response = await page.goto(url('/'));
    expect(response?.status()).toBe(200);

    const header = page.locator('section.todoapp > header.header');
    expect(await header.locator('> h1').textContent()).toBe('todos');
    const newTodo = header.locator('> input.new-todo');
    expect(await newTodo.getAttribute('placeholder')).toBe('What needs to be done?');
    expect(await newTodo.getAttribute('autofocus')).not.toBeNull();
    expect(await newTodo.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.matches('input.new-todo') ?? false)).toBe(true);

    // No todos: TodoMVC hides main and footer.
    expect(await page.locator('section.main').count()).toBe(0);
    expect(await page.locator('footer.footer').count()).toBe(0);

    // The stylesheet is served and applied (the title is TodoMVC's red, the card is white on grey).
    expect(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color)).toBe('rgb(184, 63, 69)');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(245, 245, 245)',
    );

    await page.screenshot({ path: join(artifactsDir, 'home.png'), fullPage: true });
  });
});

describe('the login page', () => {
  it('is reached from the home page and has the email and password form', async () => {
    await page.goto(url('/'));
    await page.locator('footer.info a[href="/login"]').click();
    await page.waitForURL(url('/login'));

    const form = page.locator('form');
    expect(await form.locator('input[name=email]').getAttribute('type')).toBe('email');
    expect(await form.locator('input[name=password]').getAttribute('type')).toBe('password');
    expect(await form.locator('button[type=submit]').isVisible()).toBe(true);
    expect(await page.locator('section.todoapp h1').textContent()).toBe('todos');
  });

  it('answers a submission with "not available yet" and keeps the email (auth arrives later)', async () => {
    await page.locator('input[name=email]').fill('ada@example.test');
    await page.locator('input[name=password]').fill('correct horse battery');
    await page.locator('button[type=submit]').click();

    const message = page.locator('.auth-message');
    await message.waitFor();
    expect(await message.textContent()).toBe('Signing in is not available yet.');
    expect(await page.locator('input[name=email]').inputValue()).toBe('ada@example.test');

    await page.screenshot({ path: join(artifactsDir, 'login.png'), fullPage: true });
  });
});

describe('the register page', () => {
  it('has the email and password form with the password length rule', async () => {
    await page.goto(url('/register'));
    const password = page.locator('form input[name=password]');
    expect(await page.locator('form input[name=email]').isVisible()).toBe(true);
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    expect(await password.getAttribute('minlength')).toBe('8');
    expect(await page.locator('form button[type=submit]').isVisible()).toBe(true);
  });
});
