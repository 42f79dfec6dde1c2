// Reads from vendly-server for the dashboard's server components. A 401 means the session is gone:
// the seller is sent to /login.
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { api, ApiError } from '@/app/lib/api';
import type { ConnectionResponse, Me } from '@/app/lib/definitions';
import { hasSessionCookie } from '@/app/lib/session';

async function signedIn<T>(path: string): Promise<T> {
  if (!(await hasSessionCookie())) redirect('/login');
  try {
    return await api<T>(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirect('/login');
    throw e;
  }
}

// The seller, the store and a summary of the Instagram connection; memoised per request (the layout and
// the page both ask).
export const getMe = cache(() => signedIn<Me>('/api/me'));

// For /login and /signup: the seller if the session cookie still works, else null (no redirect).
export async function getMeIfSignedIn(): Promise<Me | null> {
  if (!(await hasSessionCookie())) return null;
  try {
    return await api<Me>('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function getConnection(): Promise<ConnectionResponse> {
  return signedIn<ConnectionResponse>('/api/instagram/connection');
}
