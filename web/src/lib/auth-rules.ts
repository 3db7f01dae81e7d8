// Rules the browser form and the server action share (ARCHITECTURE.md, "Identity").

/** Passwords: 8–128 characters, no composition rules. */
export const passwordLength = { min: 8, max: 128 } as const;
