export * from './instance-key';
export * from './expand-instances';
