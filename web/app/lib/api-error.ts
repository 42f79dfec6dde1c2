// vendly-server's {"error":{"code","message"}} as an exception, shared by the Next server's calls
// (api.ts) and the browser's (browser-api.ts).
import type { FieldProblem, ServerError } from '@/app/lib/definitions';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Per-field problems of a 422 validation_failed.
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The ApiError of a failed answer's body (null, or not the server's error shape: a generic message).
export function apiErrorOf(status: number, data: unknown): ApiError {
  const err = serverError(data);
  return new ApiError(status, err?.code ?? `http_${status}`, sentence(err?.message ?? `The server answered ${status}.`), fieldProblems(data));
}

function serverError(data: unknown): ServerError | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const e = (data as { error: unknown }).error;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message } = e as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

// `errors` sits next to `error` in the body (server/API.md); older answers may nest it inside `error`.
function fieldProblems(data: unknown): FieldProblem[] {
  if (typeof data !== 'object' || data === null) return [];
  const top = (data as { errors?: unknown }).errors;
  const nested = (data as { error?: { errors?: unknown } }).error?.errors;
  const list = Array.isArray(top) ? top : Array.isArray(nested) ? nested : [];
  return list.filter(
    (x): x is FieldProblem => typeof x === 'object' && x !== null && typeof x.field === 'string' && typeof x.message === 'string',
  );
}

// The server's messages are lower-case clauses ("email is not a valid address"): show them as sentences.
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
