/** Accounts, passwords, sessions and sign-in throttling for the console and its API. */
export * from './roles';
export * from './password';
export * from './sessions';
export * from './login-throttle';
