/**
 * The bodies and answers of /api/auth/*, from the API contract (libs/contract), which the web app reads
 * sessions and users with: the shapes are defined there, once.
 */
export {
  emailSchema,
  passwordSchema,
  credentialsSchema,
  loginSchema,
  deleteAccountSchema,
  refreshTokenSchema,
  userSchema as publicUserSchema,
  sessionSchema,
  problemSchema,
} from '@todo-bus/contract';
