// Who may sign in: password hashing, the credential store kept outside the event log, installation-wide secrets.
export * from './password-hasher';
export * from './credential-store';
export * from './installation-secret';
