'use client';
// Reads from the browser, for screens that poll (scan progress, notifications): same-origin /api/*
// through proxy.ts, so the session cookie goes along. A 401 means the session ended: to /login.
// Mutations do not come here; they are server actions (actions.ts).
import { ApiError, apiErrorOf } from '@/app/lib/api-error';

export async function browserGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'offline', 'The Vendly server cannot be reached. Check your connection.');
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.status === 401) {
    window.location.assign('/login');
    throw apiErrorOf(res.status, data);
  }
  if (!res.ok) throw apiErrorOf(res.status, data);
  return data as T;
}
