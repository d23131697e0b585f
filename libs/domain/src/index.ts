// Campaign Ledger domain: pure deciders, templates, task instances and metrics (no framework, no I/O, no clock).
export * from './shared';
export * from './organisation';
export * from './template';
export * from './campaign';
export * from './task-instances';
export * from './branch-work';
export * from './metrics';
export * from './accounts/accounts.decider';
