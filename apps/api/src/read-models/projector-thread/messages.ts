// What the API's main thread and its projector thread say to each other (structured clone: bigint positions pass).
import type { CheckpointMoved, ProjectionStatus } from '@campaign-ledger/projections';
import type { AppConfig } from '@campaign-ledger/runtime';

export interface ProjectorWorkerData {
  readonly config: AppConfig;
  /** The lease owner's name: the same across restarts of the thread, so a new thread takes back its own lease at once. */
  readonly owner: string;
  readonly leaseTtlMs: number;
  readonly minBatchIntervalMs?: number;
  readonly poolSize: number;
}

export type ToProjectorThread = { readonly type: 'status'; readonly id: number } | { readonly type: 'stop' };

export type FromProjectorThread =
  | { readonly type: 'started' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'checkpoint'; readonly moved: CheckpointMoved }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'status'; readonly id: number; readonly status?: ProjectionStatus; readonly error?: string }
  | { readonly type: 'stopped' };
