export const EVENT_STORE = Symbol('EVENT_STORE');
export const STORAGE = Symbol('STORAGE');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
