export * from './branch-work.commands';
export * from './branch-work.events';
export * from './branch-work.errors';
export * from './branch-work.state';
export * from './branch-work.decider';
