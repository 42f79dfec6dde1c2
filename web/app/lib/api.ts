// Calls from the Next server to vendly-server, on behalf of the signed-in seller: the session cookie the
// browser sent is forwarded, answers are typed, and the server's {"error":{"code","message"}} becomes an
// ApiError. Used by data.ts (reads) and actions.ts (mutations) only, never in the browser.
import { cookies } from 'next/headers';
import { apiBaseUrl } from '@/app/lib/api-url';
import type { ServerError } from '@/app/lib/definitions';

export const SESSION_COOKIE = 'vendly_session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type ApiResponse<T> = { data: T; setCookies: string[] };

export async function apiResponse<T>(path: string, method: Method = 'GET', body?: unknown): Promise<ApiResponse<T>> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Cookie = `${SESSION_COOKIE}=${session}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiBaseUrl() + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch {
    throw new ApiError(503, 'server_unreachable', 'The Vendly server cannot be reached. Try again in a moment.');
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = serverError(data);
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, sentence(err?.message ?? `The server answered ${res.status}.`));
  }
  return { data: data as T, setCookies: res.headers.getSetCookie() };
}

export async function api<T>(path: string, method: Method = 'GET', body?: unknown): Promise<T> {
  return (await apiResponse<T>(path, method, body)).data;
}

function serverError(data: unknown): ServerError | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const e = (data as { error: unknown }).error;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message } = e as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

// The server's messages are lower-case clauses ("email is not a valid address"): show them as sentences.
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
