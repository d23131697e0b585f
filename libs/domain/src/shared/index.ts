export * from './decider';
export * from './result';
export * from './errors';
export * from './dates';
export * from './streams';
export * from './validate';
export * from './ids';
