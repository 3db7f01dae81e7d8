// What the e2e tests share: where the system is, fresh users, pages that report their own errors, and
// the few steps every test takes (sign up, add todos).
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';

/** The gateway's origin, e.g. http://localhost:41234 (started once by global-setup.ts). */
export const baseUrl = (): string => inject('baseUrl');
export const url = (path: string): string => baseUrl() + path;

export interface TestUser {
  email: string;
  password: string;
}

export function newUser(label: string): TestUser {
  return {
    email: `${label}-${randomBytes(4).toString('hex')}@example.test`,
    password: 'correct horse battery',
  };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors and warnings the page produced (a finished app has none). */
  errors: string[];
}

/** A page in a new context (its own cookies: a separate device), failing fast on a missing element. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 800, height: 700 }, ...options });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Another tab of the same context (same cookies). */
export async function openTab(context: BrowserContext): Promise<Pick<TestPage, 'page' | 'errors'>> {
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

function watchErrors(page: Page): string[] {
  // A deadline against hangs, not a speed target: a page load took over 5 s with both cores busy.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request shows as a console error by design (the rollback and session tests cause them).
    const type = message.type();
    if ((type === 'error' || type === 'warning') && !/Failed to load resource/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

export async function submitCredentials(page: Page, path: '/login' | '/register', user: TestUser) {
  if (new URL(page.url()).pathname !== path) await page.goto(url(path));
  await page.locator('input[name=email]').fill(user.email);
  await page.locator('input[name=password]').fill(user.password);
  await page.locator('form button[type=submit]').click();
}

/** Registers through the form and waits for the list (live updates connected). */
export async function signUp(page: Page, user: TestUser): Promise<void> {
  await submitCredentials(page, '/register', user);
  await page.waitForURL(url('/'));
  await waitUntilLive(page);
}

export async function logIn(page: Page, user: TestUser): Promise<void> {
  await submitCredentials(page, '/login', user);
  await page.waitForURL(url('/'));
  await waitUntilLive(page);
}

export async function waitUntilLive(page: Page): Promise<void> {
  await page.locator('.live-status[data-status=live]').waitFor({ state: 'attached' });
}

export async function addTodos(page: Page, ...titles: string[]): Promise<void> {
  const input = page.locator('.new-todo');
  for (const title of titles) {
    await input.fill(title);
    await input.press('Enter');
  }
}

export const todoItems = (page: Page) => page.locator('.todo-list li');
export const todoTitles = (page: Page) => page.locator('.todo-list li label').allTextContents();

/** Titles and states as the list shows them, e.g. ["milk", "✓ bread"]. */
export async function shownTodos(page: Page): Promise<string[]> {
  return page
    .locator('.todo-list li')
    .evaluateAll((items) =>
      items.map(
        (item) =>
          `${item.classList.contains('completed') ? '✓ ' : ''}${item.querySelector('label')?.textContent}`,
      ),
    );
}

/** The same, as the server has them (asked from the page, with its cookie). */
export async function storedTodos(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/todos');
    const todos = (await response.json()) as Array<{ title: string; completed: boolean }>;
    return todos.map((todo) => `${todo.completed ? '✓ ' : ''}${todo.title}`);
  });
}

/** Waits until the list page has no change on its way to the server. */
export async function settled(page: Page): Promise<void> {
  await page.locator('section.todoapp:not([aria-busy="true"])').waitFor({ state: 'attached' });
}

/** Deletes every todo of the page's user (once the page has saved everything), and reloads. */
export async function resetTodos(page: Page): Promise<void> {
  await settled(page);
  await page.evaluate(() => fetch('/api/todos', { method: 'DELETE' }));
  await page.goto(url('/'));
  await waitUntilLive(page);
}
