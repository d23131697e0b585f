// What every process of the product (API, CLI, benchmarks) needs to start: configuration and storage.
export * from './app-config';
export * from './storage';
export * from './blob-store';
export * from './ensure-schema';
