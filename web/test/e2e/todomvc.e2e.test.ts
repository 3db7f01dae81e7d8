// The list page against the TodoMVC app specification, in real Chromium against the whole system: every
// change is checked on the screen and, where it matters, in what the server stored.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import {
  addTodos,
  newUser,
  openPage,
  resetTodos,
  shownTodos,
  signUp,
  storedTodos,
  todoItems,
  todoTitles,
  url,
  type TestPage,
} from './harness.ts';
import { artifactsDir } from './paths.ts';

let browser: Browser;
let tab: TestPage;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser);
  page = tab.page;
  await signUp(page, newUser('todomvc'));
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await resetTodos(page);
});

/** The element's classes (Svelte leaves out the attribute when there are none). */
const classes = (locator: Locator) => locator.evaluate((element) => [...element.classList]);

/** The footer's counter: its text, and the number in its <strong>. */
function count() {
  return page.locator('.todo-count').evaluate((element) => ({
    text: element.textContent,
    strong: element.querySelector('strong')?.textContent,
  }));
}

describe('when there are no todos', () => {
  it('shows the header with the new-todo input focused, and hides main and footer', async () => {
    const newTodo = page.locator('section.todoapp > header.header > input.new-todo');
    expect(await page.locator('section.todoapp > header.header > h1').textContent()).toBe('todos');
    expect(await newTodo.getAttribute('placeholder')).toBe('What needs to be done?');
    expect(await newTodo.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.locator('section.main').count()).toBe(0);
    expect(await page.locator('footer.footer').count()).toBe(0);
  });
});

describe('new todo', () => {
  it('adds the trimmed title on Enter, clears the input and appends to the list', async () => {
    await addTodos(page, '  buy milk  ', 'walk the dog');
    expect(await todoTitles(page)).toEqual(['buy milk', 'walk the dog']);
    expect(await page.locator('.new-todo').inputValue()).toBe('');
    await expect.poll(() => storedTodos(page)).toEqual(['buy milk', 'walk the dog']);
  });

  it('adds nothing for an empty or blank title', async () => {
    await addTodos(page, '', '   ');
    expect(await todoItems(page).count()).toBe(0);
    expect(await page.locator('section.main').count()).toBe(0);
  });
});

describe('counter', () => {
  it('counts active todos with "item" for one and "items" otherwise', async () => {
    await addTodos(page, 'one');
    expect(await count()).toEqual({ text: '1 item left', strong: '1' });
    await addTodos(page, 'two');
    expect(await count()).toEqual({ text: '2 items left', strong: '2' });
    await todoItems(page).nth(0).locator('.toggle').check();
    await todoItems(page).nth(1).locator('.toggle').check();
    expect(await count()).toEqual({ text: '0 items left', strong: '0' });
  });
});

describe('toggle', () => {
  it('marks a todo completed and active again, and saves it', async () => {
    await addTodos(page, 'milk', 'bread');
    const milk = todoItems(page).nth(0);
    await milk.locator('.toggle').check();
    expect(await classes(milk)).toContain('completed');
    await expect.poll(() => storedTodos(page)).toEqual(['✓ milk', 'bread']);

    await milk.locator('.toggle').uncheck();
    expect(await classes(milk)).not.toContain('completed');
    await expect.poll(() => storedTodos(page)).toEqual(['milk', 'bread']);
  });

  it('toggle-all completes every todo, then reopens every todo, and follows single toggles', async () => {
    await addTodos(page, 'a', 'b', 'c');
    const toggleAll = page.locator('#toggle-all');
    expect(await page.locator('label[for=toggle-all]').textContent()).toBe('Mark all as complete');

    await toggleAll.check();
    expect(await shownTodos(page)).toEqual(['✓ a', '✓ b', '✓ c']);
    await expect.poll(() => storedTodos(page)).toEqual(['✓ a', '✓ b', '✓ c']);

    await todoItems(page).nth(1).locator('.toggle').uncheck();
    expect(await toggleAll.isChecked()).toBe(false);
    await todoItems(page).nth(1).locator('.toggle').check();
    expect(await toggleAll.isChecked()).toBe(true);

    await toggleAll.uncheck();
    expect(await shownTodos(page)).toEqual(['a', 'b', 'c']);
    await expect.poll(() => storedTodos(page)).toEqual(['a', 'b', 'c']);
  });
});

describe('editing', () => {
  async function startEditing(index: number) {
    const item = todoItems(page).nth(index);
    await item.locator('label').dblclick();
    return { item, edit: item.locator('input.edit') };
  }

  it('double-click opens the edit field with the title, focused, hiding the other controls', async () => {
    await addTodos(page, 'milk', 'bread');
    const { item, edit } = await startEditing(0);
    expect(await classes(item)).toContain('editing');
    expect(await edit.inputValue()).toBe('milk');
    expect(await edit.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await item.locator('.toggle').isVisible()).toBe(false);
    expect(await item.locator('label').isVisible()).toBe(false);
  });

  it('Enter saves the trimmed title', async () => {
    await addTodos(page, 'milk', 'bread');
    const { item, edit } = await startEditing(0);
    await edit.fill('  oat milk  ');
    await edit.press('Enter');
    expect(await classes(item)).not.toContain('editing');
    expect(await todoTitles(page)).toEqual(['oat milk', 'bread']);
    await expect.poll(() => storedTodos(page)).toEqual(['oat milk', 'bread']);
  });

  it('leaving the field saves too', async () => {
    await addTodos(page, 'milk', 'bread');
    const { edit } = await startEditing(1);
    await edit.fill('rye bread');
    await page.locator('.new-todo').focus();
    expect(await todoTitles(page)).toEqual(['milk', 'rye bread']);
    await expect.poll(() => storedTodos(page)).toEqual(['milk', 'rye bread']);
  });

  it('Escape cancels the edit', async () => {
    await addTodos(page, 'milk');
    const { item, edit } = await startEditing(0);
    await edit.fill('something else');
    await edit.press('Escape');
    expect(await classes(item)).not.toContain('editing');
    expect(await todoTitles(page)).toEqual(['milk']);
    await page.reload();
    expect(await todoTitles(page)).toEqual(['milk']);
  });

  it('an empty title deletes the todo', async () => {
    await addTodos(page, 'milk', 'bread');
    const { edit } = await startEditing(0);
    await edit.fill('   ');
    await edit.press('Enter');
    expect(await todoTitles(page)).toEqual(['bread']);
    await expect.poll(() => storedTodos(page)).toEqual(['bread']);
  });
});

describe('delete and clear completed', () => {
  it('the destroy button deletes one todo', async () => {
    await addTodos(page, 'milk', 'bread');
    const milk = todoItems(page).nth(0);
    await milk.hover();
    await milk.locator('button.destroy').click();
    expect(await todoTitles(page)).toEqual(['bread']);
    await expect.poll(() => storedTodos(page)).toEqual(['bread']);
  });

  it('"Clear completed" shows only when something is completed, and removes those', async () => {
    await addTodos(page, 'milk', 'bread', 'eggs');
    const clear = page.locator('button.clear-completed');
    expect(await clear.count()).toBe(0);
    await todoItems(page).nth(0).locator('.toggle').check();
    await todoItems(page).nth(2).locator('.toggle').check();
    expect(await clear.textContent()).toBe('Clear completed');

    await clear.click();
    expect(await todoTitles(page)).toEqual(['bread']);
    expect(await clear.count()).toBe(0);
    await expect.poll(() => storedTodos(page)).toEqual(['bread']);
  });

  it('hides main and footer again once the last todo is gone', async () => {
    await addTodos(page, 'only one');
    await todoItems(page).nth(0).hover();
    await todoItems(page).nth(0).locator('button.destroy').click();
    expect(await page.locator('section.main').count()).toBe(0);
    expect(await page.locator('footer.footer').count()).toBe(0);
  });
});

describe('filters', () => {
  const selected = () => page.locator('.filters a.selected').textContent();

  it('show all, active or completed todos by the hash, with the back button', async () => {
    await addTodos(page, 'milk', 'bread', 'eggs');
    await todoItems(page).nth(1).locator('.toggle').check();
    expect(await selected()).toBe('All');
    /** The view once the page has caught up with its address (the router updates it after the URL). */
    const showsFilter = async (filter: string, titles: string[]) => {
      await expect.poll(selected).toBe(filter);
      await expect.poll(() => todoTitles(page)).toEqual(titles);
    };

    await page.locator('.filters a[href="#/active"]').click();
    await page.waitForURL(url('/#/active'));
    await showsFilter('Active', ['milk', 'eggs']);

    await page.locator('.filters a[href="#/completed"]').click();
    await page.waitForURL(url('/#/completed'));
    await showsFilter('Completed', ['bread']);

    await page.goBack();
    await page.waitForURL(url('/#/active'));
    await showsFilter('Active', ['milk', 'eggs']);
    // Completing a todo while on "Active" takes it out of the view.
    // (A click, not check(): the row leaves the view at once, so there is nothing to see checked.)
    await todoItems(page).nth(0).locator('.toggle').click();
    expect(await todoTitles(page)).toEqual(['eggs']);

    await page.locator('.filters a[href="#/"]').click();
    await page.waitForURL(url('/#/'));
    await showsFilter('All', ['milk', 'bread', 'eggs']);

    await page.goBack();
    await showsFilter('Active', ['eggs']);
    await page.goForward();
    await showsFilter('All', ['milk', 'bread', 'eggs']);
  });

  it('a filter in the address survives a reload', async () => {
    await addTodos(page, 'milk', 'bread');
    await todoItems(page).nth(0).locator('.toggle').check();
    await expect.poll(() => storedTodos(page)).toEqual(['✓ milk', 'bread']);
    await page.goto(url('/#/completed'));
    await expect.poll(() => todoTitles(page)).toEqual(['milk']);
    await expect.poll(selected).toBe('Completed');
  });
});

describe('persistence', () => {
  it('shows the same list, states and order after a reload', async () => {
    await addTodos(page, 'first', 'second', 'third');
    await todoItems(page).nth(1).locator('.toggle').check();
    await todoItems(page).nth(2).locator('label').dblclick();
    await todoItems(page).nth(2).locator('.edit').fill('third, renamed');
    await todoItems(page).nth(2).locator('.edit').press('Enter');
    await expect.poll(() => storedTodos(page)).toEqual(['first', '✓ second', 'third, renamed']);

    await page.reload();
    expect(await shownTodos(page)).toEqual(['first', '✓ second', 'third, renamed']);
    expect(await count()).toEqual({ text: '2 items left', strong: '2' });
  });
});

describe('when the server refuses a change', () => {
  it('rolls the change back and says so', async () => {
    await addTodos(page, 'milk');
    await expect.poll(() => storedTodos(page)).toEqual(['milk']);
    await page.route('**/api/todos/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }),
          })
        : route.fallback(),
    );
    try {
      // (A click, not check(): check() insists on seeing it checked, and the rollback is quick.)
      await todoItems(page).nth(0).locator('.toggle').click();
      const toast = page.locator('.toast');
      await toast.waitFor();
      expect(await toast.textContent()).toContain('“milk” was not updated.');
      await expect.poll(() => shownTodos(page)).toEqual(['milk']);
      expect(await todoItems(page).nth(0).locator('.toggle').isChecked()).toBe(false);
      expect(await storedTodos(page)).toEqual(['milk']);

      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await toast.count()).toBe(0);
    } finally {
      await page.unrouteAll();
    }
  });
});

describe('keyboard only', () => {
  it('adds, completes, edits and deletes without a mouse, in a sensible focus order', async () => {
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element ? `${element.tagName.toLowerCase()}.${element.className.split(' ')[0]}` : '';
      });
    await page.keyboard.type('read a book');
    await page.keyboard.press('Enter');
    await page.keyboard.type('write a letter');
    await page.keyboard.press('Enter');
    expect(await todoTitles(page)).toEqual(['read a book', 'write a letter']);

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('input.toggle-all');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('input.toggle');
    await page.keyboard.press('Space');
    expect(await shownTodos(page)).toEqual(['✓ read a book', 'write a letter']);

    // Enter on a todo's checkbox edits it; Enter saves and returns to the checkbox.
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('input.edit');
    await page.keyboard.press('End');
    await page.keyboard.type(' twice');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('input.toggle');
    expect(await todoTitles(page)).toEqual(['read a book twice', 'write a letter']);

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button.destroy');
    expect(await page.locator('button.destroy:focus').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await todoTitles(page)).toEqual(['write a letter']);
    await expect.poll(() => storedTodos(page)).toEqual(['write a letter']);
  });
});

describe('the finished page', () => {
  it('looks like TodoMVC with the account bar (screenshot: artifacts/list.png)', async () => {
    await addTodos(page, 'Buy oat milk', 'Book the train to Lyon', 'Water the plants', 'Call the plumber');
    await todoItems(page).nth(2).locator('.toggle').check();
    await expect
      .poll(() => storedTodos(page))
      .toEqual(['Buy oat milk', 'Book the train to Lyon', '✓ Water the plants', 'Call the plumber']);
    await page.reload();
    await page.locator('.live-status[data-status=live]').waitFor({ state: 'attached' });
    await page.mouse.move(0, 0);

    expect(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color)).toBe('rgb(184, 63, 69)');
    expect(await page.locator('.account-email').isVisible()).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'list.png'), fullPage: true });
    expect(tab.errors).toEqual([]);
  });
});
