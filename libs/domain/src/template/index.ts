export * from './template.types';
export * from './parse-template';
export * from './template-summary';
export * from './builtin';
