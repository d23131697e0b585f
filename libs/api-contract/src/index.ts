// The API's requests and answers as the JSON carries them, shared by the server and the web app: types only, no code.
export type * from './lib/domain';
export type * from './lib/errors';
export type * from './lib/accounts';
export type * from './lib/organisation';
export type * from './lib/campaigns';
export type * from './lib/branch-work';
export type * from './lib/read-models';
export type * from './lib/audit';
