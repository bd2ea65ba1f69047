import { WriteConflictError } from './errors.ts';

export interface WriteRetryOptions {
  /** Runs in all, the first included. */
  readonly attempts?: number;
  /** Waits between runs (tests pass one that does not wait). */
  readonly pause?: (milliseconds: number) => Promise<void>;
  /** In [0, 1): the jitter. */
  readonly random?: () => number;
}

const ATTEMPTS = 10;
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 160;

const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs a change again when its write lost a race (WriteConflictError: nothing was written), reading what is stored
 * then: a request that adds a contact must not fail because another request changed the same customer meanwhile.
 * A caller's own stale expectation (If-Match) is a VersionMismatchError, which is not retried: it stays a 412.
 * Exponential backoff with full jitter, so that the writers of a hot aggregate spread out instead of colliding again;
 * after the last attempt the conflict is thrown (409 `concurrent_update`).
 */
export async function retryWriteConflicts<T>(run: () => Promise<T>, options: WriteRetryOptions = {}): Promise<T> {
  const { attempts = ATTEMPTS, pause = sleep, random = Math.random } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= attempts) throw error;
      await pause(Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt)));
    }
  }
}
