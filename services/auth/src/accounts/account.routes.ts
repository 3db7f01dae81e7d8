import {
  credentialsSchema,
  deleteAccountSchema,
  loginSchema,
  problemSchema,
  refreshTokenSchema,
  sessionSchema,
  userSchema,
} from '@todo-bus/contract';
import type { App } from '@todo-bus/http';
import { z } from 'zod';
import type { AccountRateLimits } from './rate-limits.ts';
import type { AccountService } from './account.service.ts';

const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];

export interface AccountRoutesOptions {
  accounts: AccountService;
  limits: AccountRateLimits;
}

/** Thin: parse (by schema) → service → reply. Registered under the public prefix, `/api/auth`. */
export async function accountRoutes(app: App, { accounts, limits }: AccountRoutesOptions) {
  app.post(
    '/register',
    {
      preHandler: [limits.perIp],
      schema: {
        tags,
        summary: 'Create an account',
        body: credentialsSchema,
        response: { 201: sessionSchema, 400: problemSchema, 409: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.register(request.body.email, request.body.password)),
  );

  app.post(
    '/login',
    {
      preHandler: [limits.perIp, limits.perAccount],
      schema: {
        tags,
        summary: 'Sign in',
        body: loginSchema,
        response: { 200: sessionSchema, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request) => accounts.login(request.body.email, request.body.password),
  );

  app.post(
    '/refresh',
    {
      preHandler: [limits.perIp],
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new pair',
        body: refreshTokenSchema,
        response: { 200: sessionSchema, 401: problemSchema },
      },
    },
    async (request) => accounts.refresh(request.body.refreshToken),
  );

  app.post(
    '/logout',
    {
      schema: {
        tags,
        summary: 'End the login this refresh token belongs to',
        body: refreshTokenSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await accounts.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  // The signed-in caller's own account. onRequest, not preHandler: an anonymous caller learns nothing.
  await app.register(async (signedIn: App) => {
    signedIn.addHook('onRequest', app.authenticate);
    signedIn.get(
      '/me',
      {
        schema: {
          tags,
          summary: 'The signed-in user',
          security: bearer,
          response: { 200: userSchema, 401: problemSchema, 404: problemSchema },
        },
      },
      async (request) => accounts.me(request.userId),
    );

    signedIn.delete(
      '/me',
      {
        schema: {
          tags,
          summary: 'Delete the account and everything it owns (the current password in the body)',
          security: bearer,
          body: deleteAccountSchema,
          response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        await accounts.deleteAccount(request.userId, request.body.password);
        return reply.code(204).send(null);
      },
    );
  });
}
