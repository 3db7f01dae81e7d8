// Shapes of the public API (docs: ARCHITECTURE.md, "Public HTTP API"), shared by server and browser code.

/** `GET /api/auth/me`. */
export interface User {
  id: string;
  email: string;
  createdAt: string;
}

/** A todo as the gateway returns it. */
export interface Todo {
  id: string;
  title: string;
  completed: boolean;
  order: number;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A field validation error inside a problem (same shape as libs/http `FieldError`). */
export interface FieldError {
  /** Where the bad value is, e.g. `body.title`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details: every API error is answered with one (libs/http `Problem`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** A todo as live events carry it: the API's todo without `url`. The browser's list holds these. */
export type TodoState = Omit<Todo, 'url'>;

/** What the auth API answers to register, login and refresh. */
export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}
