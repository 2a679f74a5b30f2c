/** A failure the server reported ({error:{code,message}} on HTTP, an `error` frame on the socket). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryAfter: number | null;

  constructor(code: string, message: string, status = 0, retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export function errorCode(e: unknown): string {
  return e instanceof ApiError ? e.code : 'NETWORK';
}
