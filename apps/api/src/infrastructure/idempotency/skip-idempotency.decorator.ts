import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY = 'idempotency:skip';

/** The route's answer is never stored for replays (it holds a secret, such as a sign-in token). */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY, true);
