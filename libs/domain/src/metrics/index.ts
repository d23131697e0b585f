export * from './ratio';
export * from './metrics';
