/** An error the API answers with its own status and a message fit for the client (no stack, no internals). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    message: string,
    /** The request field at fault, for 400s. */
    readonly field?: string,
    /** Extra headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
