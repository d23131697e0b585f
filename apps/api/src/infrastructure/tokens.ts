export const EVENT_STORE = Symbol('EVENT_STORE');
export const STORAGE = Symbol('STORAGE');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const READ_MODEL_POOL = Symbol('READ_MODEL_POOL');
export const BLOB_STORE = Symbol('BLOB_STORE');
