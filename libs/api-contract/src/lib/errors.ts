// The body of every error answer: a stable code, what to fix (in English and Chinese), and the fields at fault.

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly messageZh?: string;
  readonly details?: unknown;
  readonly fieldErrors?: readonly FieldError[];
}

export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}
