// Registering, logging in and out in real Chromium against the whole system: where each page sends you,
// errors from the API next to their field, the session in HttpOnly cookies (renewed when the access token
// has expired), and the forms without JavaScript.
import { accessTokenCookie, refreshTokenCookie } from '@todo-bus/contract';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import {
  addTodos,
  logIn,
  newUser,
  openPage,
  openTab,
  signUp,
  storedTodos,
  submitCredentials,
  url,
  waitUntilLive,
  type TestPage,
} from './harness.ts';
import { artifactsDir } from './paths.ts';

let browser: Browser;
const ada = newUser('ada');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('signed out', () => {
  it('sends the list page to /login', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(url('/'));
    expect(page.url()).toBe(url('/login'));
    expect(await page.locator('h2').textContent()).toBe('Log in');
    await context.close();
  });
});

describe('register, log out, log in', () => {
  let tab: TestPage;

  beforeAll(async () => {
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab.context.close();
  });

  it('registers and lands on the list, signed in, with the tokens in HttpOnly cookies only', async () => {
    const { page, context } = tab;
    await page.goto(url('/register'));
    await page.screenshot({ path: join(artifactsDir, 'register.png') });
    await signUp(page, ada);

    expect(await page.locator('.account-email').textContent()).toBe(ada.email);
    const cookies = await context.cookies();
    for (const name of [accessTokenCookie, refreshTokenCookie]) {
      const cookie = cookies.find((candidate) => candidate.name === name);
      expect(cookie, name).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    }
    // Page scripts cannot see them.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(tab.errors).toEqual([]);
  });

  it('sends a signed-in visitor of /login or /register to the list', async () => {
    for (const path of ['/login', '/register']) {
      await tab.page.goto(url(path));
      expect(tab.page.url()).toBe(url('/'));
    }
  });

  it('renews an expired access token with the refresh token (page load)', async () => {
    const { page, context } = tab;
    const before = (await context.cookies()).find((cookie) => cookie.name === accessTokenCookie)?.value;
    // The browser drops the access cookie when its max-age (the token's lifetime) runs out.
    await context.clearCookies({ name: accessTokenCookie });
    await page.goto(url('/'));

    expect(page.url()).toBe(url('/'));
    expect(await page.locator('.account-email').textContent()).toBe(ada.email);
    const after = (await context.cookies()).find((cookie) => cookie.name === accessTokenCookie)?.value;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('renews it from the page too, when the API refuses a change (and the change still saves)', async () => {
    const { page, context } = tab;
    await waitUntilLive(page);
    await context.clearCookies({ name: accessTokenCookie });
    await addTodos(page, 'saved after a silent renewal');

    await expect.poll(() => storedTodos(page)).toEqual(['saved after a silent renewal']);
    expect(await page.locator('.toast').count()).toBe(0);
  });

  it('logs out from the account bar: the session is over in this tab, the other tabs, and on the server', async () => {
    const { page, context } = tab;
    const other = await openTab(context);
    await other.page.goto(url('/'));
    await waitUntilLive(other.page);
    const refreshCookie = (await context.cookies()).find((cookie) => cookie.name === refreshTokenCookie);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(url('/login'));
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(refreshTokenCookie);
    // The other tab follows.
    await other.page.waitForURL(url('/login'));
    await other.page.close();

    // A copy of the old refresh token no longer opens a session: logout revoked it at the auth service.
    if (!refreshCookie) throw new Error('no refresh cookie before logout');
    await context.addCookies([refreshCookie]);
    await page.goto(url('/'));
    expect(page.url()).toBe(url('/login'));
  });

  it('shows a wrong password next to nothing in particular, keeping the email', async () => {
    const { page } = tab;
    await submitCredentials(page, '/login', { email: ada.email, password: 'not the password' });
    const message = page.locator('.auth-message');
    await message.waitFor();
    expect(await message.textContent()).toBe('The email or password is incorrect.');
    expect(await page.locator('input[name=email]').inputValue()).toBe(ada.email);
    expect(page.url()).toBe(url('/login'));
    await page.screenshot({ path: join(artifactsDir, 'login-error.png') });
  });

  it('logs in and finds the list as it was left', async () => {
    await logIn(tab.page, ada);
    expect(await tab.page.locator('.todo-list li label').allTextContents()).toEqual([
      'saved after a silent renewal',
    ]);
  });
});

describe('register errors from the API, next to their field', () => {
  it('says an email is taken under the email field, and focuses it', async () => {
    const { page, context } = await openPage(browser);
    await submitCredentials(page, '/register', ada);

    const error = page.locator('#email-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Email is already registered.');
    const email = page.locator('input[name=email]');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('email-error');
    expect(await email.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await email.inputValue()).toBe(ada.email);
    await context.close();
  });

  it('says a password is too short under the password field', async () => {
    const { page, context } = await openPage(browser);
    await submitCredentials(page, '/register', { email: newUser('short').email, password: 'short' });

    const error = page.locator('#password-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Choose a password of 8 to 128 characters.');
    expect(await page.locator('#email-error').count()).toBe(0);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('registers, shows field errors, logs out and in with plain form posts', async () => {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false });
    const grace = newUser('grace');

    await submitCredentials(page, '/register', { email: grace.email, password: 'short' });
    await page.locator('#password-error').waitFor();
    expect(await page.locator('input[name=email]').inputValue()).toBe(grace.email);

    await submitCredentials(page, '/register', grace);
    await page.waitForURL(url('/'));
    expect(await page.locator('.account-email').textContent()).toBe(grace.email);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(url('/login'));

    await submitCredentials(page, '/login', grace);
    await page.waitForURL(url('/'));
    expect(await page.locator('.account-email').textContent()).toBe(grace.email);
    await context.close();
  });
});
