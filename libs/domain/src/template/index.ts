export * from './template.types';
export * from './parse-template';
export * from './builtin';
