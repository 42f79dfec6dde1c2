// Calls from the Next server to vendly-server, on behalf of the signed-in seller: the session cookie the
// browser sent is forwarded, answers are typed, and the server's {"error":{"code","message"}} becomes an
// ApiError. Used by data.ts (reads) and actions.ts (mutations) only, never in the browser.
// vendly-server serves a cookie-signed change only from an allowed origin or a same-origin fetch
// (server/API.md, "Browser requests"): the browser's Origin and Sec-Fetch-Site are forwarded with it, so
// the server judges the page the seller is on, and a forged request stays refused.
import { cookies, headers as requestHeaders } from 'next/headers';
import { apiBaseUrl } from '@/app/lib/api-url';
import { ApiError, apiErrorOf } from '@/app/lib/api-error';

export { ApiError, sentence } from '@/app/lib/api-error';

export const SESSION_COOKIE = 'vendly_session';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type ApiResponse<T> = { data: T; setCookies: string[] };

export async function apiResponse<T>(path: string, method: Method = 'GET', body?: unknown): Promise<ApiResponse<T>> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Cookie = `${SESSION_COOKIE}=${session}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const incoming = await requestHeaders();
  for (const name of ['Origin', 'Sec-Fetch-Site']) {
    const value = incoming.get(name);
    if (value) headers[name] = value;
  }
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
  if (!res.ok) throw apiErrorOf(res.status, data);
  return { data: data as T, setCookies: res.headers.getSetCookie() };
}

export async function api<T>(path: string, method: Method = 'GET', body?: unknown): Promise<T> {
  return (await apiResponse<T>(path, method, body)).data;
}
