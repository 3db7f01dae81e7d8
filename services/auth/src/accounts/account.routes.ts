import type { App } from '@todo-bus/http';
import { z } from 'zod';
import type { AccountRateLimits } from './rate-limits.ts';
import type { AccountService } from './account.service.ts';
import {
  credentialsSchema,
  loginSchema,
  problemSchema,
  publicUserSchema,
  refreshTokenSchema,
  sessionSchema,
} from './account.schemas.ts';

const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];

/** Thin: parse (by schema) → service → reply. Routes live under their public prefix. */
export async function accountRoutes(
  app: App,
  { accounts, limits }: { accounts: AccountService; limits: AccountRateLimits },
) {
  app.post(
    '/api/auth/register',
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
    '/api/auth/login',
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
    '/api/auth/refresh',
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
    '/api/auth/logout',
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

  app.get(
    '/api/auth/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'The signed-in user',
        security: bearer,
        response: { 200: publicUserSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => accounts.me(request.userId),
  );

  app.delete(
    '/api/auth/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'Delete the account and everything it owns',
        security: bearer,
        response: { 204: z.null(), 401: problemSchema },
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(request.userId);
      return reply.code(204).send(null);
    },
  );
}
