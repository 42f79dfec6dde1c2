// Reads from vendly-server for the dashboard's server components. A 401 means the session is gone:
// the seller is sent to /login.
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { api, ApiError } from '@/app/lib/api';
import type { ConflictsResponse, ConnectionResponse, DraftsPage, Me, Product, ProductsPage, SyncHistoryPage } from '@/app/lib/definitions';
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

// A query string of the parameters that are set.
function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export type DraftFilter = 'all' | 'high' | 'low' | 'expiring';

// Pending drafts, filtered as the drafts screen's tabs say; `counts` are over every pending draft.
export function getDrafts(filter: DraftFilter, page: number, limit = 20): Promise<DraftsPage> {
  return signedIn<DraftsPage>(
    `/api/products/drafts${query({
      status: 'pending',
      page,
      limit,
      confidence: filter === 'high' || filter === 'low' ? filter : undefined,
      expiring: filter === 'expiring' ? true : undefined,
      sort: filter === 'expiring' ? 'expires' : undefined,
    })}`,
  );
}

export type ProductStatusFilter = 'active' | 'archived' | 'all';

export function getProducts(q: string, status: ProductStatusFilter, page: number, limit = 24): Promise<ProductsPage> {
  return signedIn<ProductsPage>(`/api/products${query({ q, status, page, limit })}`);
}

export function getSyncHistory(page: number, limit = 20): Promise<SyncHistoryPage> {
  return signedIn<SyncHistoryPage>(`/api/instagram/sync-history${query({ page, limit })}`);
}

export function getProduct(productId: string): Promise<{ product: Product }> {
  return signedIn<{ product: Product }>(`/api/products/${encodeURIComponent(productId)}`);
}

// The open sync conflicts (US-5), newest first.
export function getConflicts(): Promise<ConflictsResponse> {
  return signedIn<ConflictsResponse>('/api/sync/conflicts');
}
