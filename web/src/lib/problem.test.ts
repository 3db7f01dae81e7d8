import { describe, expect, it } from 'vitest';
import { fieldMessage, fieldName, mapProblem, problemMessage, readProblem } from './problem.ts';
import type { Problem } from '@todo-bus/contract';

const problem = (fields: Partial<Problem>): Problem => ({
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  ...fields,
});

describe('fieldName', () => {
  it('names the input a problem field is about', () => {
    expect(fieldName('body.email')).toBe('email');
    expect(fieldName('querystring.completed')).toBe('completed');
    expect(fieldName('email')).toBe('email');
  });
});

describe('fieldMessage', () => {
  it("puts the field's label in front of the API's wording", () => {
    expect(fieldMessage('email', 'is already registered')).toBe('Email is already registered.');
    expect(fieldMessage('password', 'must be at least 8 characters')).toBe(
      'Password must be at least 8 characters.',
    );
    expect(fieldMessage('colour', 'is not allowed')).toBe('Colour is not allowed.');
  });

  it('keeps a message that is already a sentence', () => {
    expect(fieldMessage('email', 'Use your work address.')).toBe('Use your work address.');
  });
});

describe('mapProblem', () => {
  const fields = ['email', 'password'] as const;

  it('puts field errors next to their inputs, with no general message', () => {
    const conflict = problem({
      status: 409,
      title: 'Conflict',
      detail: 'An account with this email already exists.',
      errors: [{ field: 'body.email', message: 'is already registered' }],
    });
    expect(mapProblem(conflict, fields)).toEqual({
      fields: { email: 'Email is already registered.' },
      message: null,
    });
  });

  it('keeps the first error of a field', () => {
    const twice = problem({
      errors: [
        { field: 'body.password', message: 'must be at least 8 characters' },
        { field: 'body.password', message: 'is too common' },
      ],
    });
    expect(mapProblem(twice, fields).fields).toEqual({ password: 'Password must be at least 8 characters.' });
  });

  it('finds the input of a query parameter as the server names it (`querystring.limit`)', () => {
    // The server's field paths come from the same contract (libs/http/test/field-paths.test.ts checks a
    // real answer): this once stripped only `query.`, and `querystring.limit` matched no input.
    const invalid = problem({
      type: 'https://todo-bus.dev/problems/validation',
      detail: 'The request is invalid.',
      errors: [{ field: 'querystring.limit', message: 'must be at least 1' }],
    });
    expect(mapProblem(invalid, ['limit'] as const)).toEqual({
      fields: { limit: 'Limit must be at least 1.' },
      message: null,
    });
  });

  it('says what is about no input in the general message', () => {
    const unknown = problem({ errors: [{ field: 'body.colour', message: 'is not allowed' }] });
    expect(mapProblem(unknown, fields)).toEqual({ fields: {}, message: 'Colour is not allowed.' });
  });

  it('uses the detail when the problem names no field', () => {
    const unauthorized = problem({
      status: 401,
      title: 'Unauthorized',
      detail: 'The email or password is incorrect.',
    });
    expect(mapProblem(unauthorized, fields)).toEqual({
      fields: {},
      message: 'The email or password is incorrect.',
    });
  });
});

describe('problemMessage', () => {
  it('explains what the status means when the detail would not help', () => {
    expect(problemMessage(problem({ status: 0, title: 'Network error' }))).toBe(
      'The server could not be reached. Check your connection.',
    );
    expect(problemMessage(problem({ status: 502, title: 'Bad Gateway', detail: 'upstream reset' }))).toBe(
      'The service is unavailable right now. Please try again.',
    );
    expect(problemMessage(problem({ status: 429, title: 'Too Many Requests' }))).toBe(
      'Too many attempts. Try again in a minute.',
    );
  });

  it('lists field errors, else gives the detail, else the title', () => {
    expect(problemMessage(problem({ errors: [{ field: 'body.title', message: 'must not be empty' }] }))).toBe(
      'Title must not be empty.',
    );
    expect(problemMessage(problem({ status: 404, title: 'Not Found', detail: 'No such todo' }))).toBe(
      'No such todo.',
    );
    expect(problemMessage(problem({ status: 404, title: 'Not Found' }))).toBe('Not Found.');
  });
});

describe('readProblem', () => {
  it('returns the problem+json body with the real status', async () => {
    const response = Response.json(
      { type: 'about:blank', title: 'Conflict', status: 200, detail: 'Email taken' },
      { status: 409, headers: { 'content-type': 'application/problem+json' } },
    );
    expect(await readProblem(response)).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Email taken',
    });
  });
});
