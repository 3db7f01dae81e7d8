// Demo data through the public API, as a user would create it. Running it twice adds nothing new.

export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password' } as const;

export const DEMO_TODOS: readonly { title: string; completed: boolean }[] = [
  { title: 'Open the app and log in as demo@example.com', completed: true },
  { title: 'Read the API docs at /docs', completed: true },
  { title: 'Open a second tab and watch changes appear live', completed: false },
  { title: 'Double-click a todo to edit it', completed: false },
  { title: 'Clear the completed todos', completed: false },
];

export interface SeedResult {
  user: 'registered' | 'logged in';
  created: string[];
  skipped: string[];
}

/** An answer that says the API is not there (yet), or nothing answers at all. */
export class SeedError extends Error {}

type Fetch = typeof fetch;

export async function seedDemoData(baseUrl: string, fetchImpl: Fetch = fetch): Promise<SeedResult> {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetchImpl(new URL(path, baseUrl), {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new SeedError(
        `Nothing answers at ${baseUrl} (${(error as Error).message}). Start the system first: npm start (in another terminal).`,
      );
    }
  };
  const expect = async (response: Response, what: string, ok: number[]) => {
    if (ok.includes(response.status)) return;
    const detail = (await response.text()).slice(0, 300);
    const hint = response.status === 404 ? ' — that endpoint is not implemented yet' : '';
    throw new SeedError(`${what} answered ${response.status}${hint}. ${detail}`.trim());
  };

  let user: SeedResult['user'] = 'registered';
  let session = await call('POST', '/api/auth/register', DEMO_USER);
  if (session.status === 409) {
    user = 'logged in';
    session = await call('POST', '/api/auth/login', DEMO_USER);
    await expect(session, 'POST /api/auth/login', [200]);
  } else {
    await expect(session, 'POST /api/auth/register', [201]);
  }
  const { accessToken } = (await session.json()) as { accessToken: string };

  const listing = await call('GET', '/api/todos', undefined, accessToken);
  await expect(listing, 'GET /api/todos', [200]);
  const existing = new Set(((await listing.json()) as { title: string }[]).map((todo) => todo.title));
  const result: SeedResult = { user, created: [], skipped: [] };
  for (const [order, todo] of DEMO_TODOS.entries()) {
    if (existing.has(todo.title)) {
      result.skipped.push(todo.title);
      continue;
    }
    const created = await call('POST', '/api/todos', { ...todo, order }, accessToken);
    await expect(created, 'POST /api/todos', [201]);
    result.created.push(todo.title);
  }
  return result;
}
