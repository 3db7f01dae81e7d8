// Rules the browser form and the server action share with the auth service (ARCHITECTURE.md, "Identity"):
// the API contract defines them once.
export { emailMaxLength, passwordLength } from '@todo-bus/contract';
