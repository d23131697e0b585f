export * from './instance-key';
export * from './expand-instances';
export * from './instance-counts';
