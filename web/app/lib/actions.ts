'use server';
// Mutations: each server action checks its form, calls vendly-server, and returns errors as state for
// the form to show (useActionState), or redirects when it is done.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api, apiResponse, ApiError } from '@/app/lib/api';
import { getMe } from '@/app/lib/data';
import type {
  AuthUrlResponse,
  DisconnectAnswer,
  ConflictChoice,
  ConflictValue,
  SyncConflict,
  SyncRequested,
  BatchApproveResponse,
  Draft,
  DraftEdits,
  FormState,
  LoginField,
  Outcome,
  Product,
  ScanOptions,
  ScanStarted,
  SignupField,
  Store,
  StoreSettingsField,
} from '@/app/lib/definitions';
import { checkErrorMessage } from '@/app/lib/instagram-errors';
import { clearSessionCookie, replaySessionCookie } from '@/app/lib/session';
import { checkLogin, checkSignup, checkStoreSettings } from '@/app/lib/validation';

const INTEGRATIONS = '/dashboard/settings/integrations';

// The text fields of a form as typed (never the password).
function typed<F extends string>(form: FormData, names: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const n of names) {
    const v = form.get(n);
    if (typeof v === 'string') out[n] = v;
  }
  return out;
}

// An unexpected failure as the form's message; the server's message is already written for people.
function failure<F extends string>(e: unknown): FormState<F> {
  if (e instanceof ApiError) return { error: e.message };
  throw e;
}

export async function signup(_prev: FormState<SignupField>, form: FormData): Promise<FormState<SignupField>> {
  const checked = checkSignup(form);
  const values = typed(form, ['email', 'storeName', 'currency'] as const);
  if (!checked.ok) return { fieldErrors: checked.fieldErrors, values };
  try {
    const res = await apiResponse('/api/auth/signup', 'POST', checked.values);
    await replaySessionCookie(res.setCookies);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'email_taken')
      return { fieldErrors: { email: 'An account with this email already exists. Sign in instead.' }, values };
    return { ...failure(e), values };
  }
  redirect('/dashboard');
}

export async function login(_prev: FormState<LoginField>, form: FormData): Promise<FormState<LoginField>> {
  const checked = checkLogin(form);
  const values = typed(form, ['email'] as const);
  if (!checked.ok) return { fieldErrors: checked.fieldErrors, values };
  try {
    const res = await apiResponse('/api/auth/login', 'POST', checked.values);
    await replaySessionCookie(res.setCookies);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid_credentials') return { error: 'Email or password is incorrect.', values };
    return { ...failure(e), values };
  }
  redirect('/dashboard');
}

export async function logout(): Promise<void> {
  try {
    await api('/api/auth/logout', 'POST');
  } catch {
    // The session ends on this side whatever the server answered.
  }
  await clearSessionCookie();
  redirect('/login');
}

export async function updateStoreSettings(
  _prev: FormState<StoreSettingsField>,
  form: FormData,
): Promise<FormState<StoreSettingsField>> {
  const checked = checkStoreSettings(form);
  const values = typed(form, ['currency', 'autoApprove', 'autoApproveThreshold'] as const);
  if (!checked.ok) return { fieldErrors: checked.fieldErrors, error: 'Check the highlighted fields.', values };
  const { store } = await getMe();
  try {
    await api<{ store: Store }>(`/api/stores/${encodeURIComponent(store.id)}`, 'PATCH', checked.values);
  } catch (e) {
    return { ...failure(e), values };
  }
  revalidatePath('/dashboard', 'layout');
  return { message: 'Settings saved.' };
}

// Starts the Instagram connection: the browser goes to Meta's login dialog, and comes back through
// vendly-server's callback to the integrations page (?connected=1 or ?error=<code>).
export async function connectInstagram(_prev: FormState): Promise<FormState> {
  let authUrl: string;
  try {
    authUrl = (await api<AuthUrlResponse>('/api/instagram/auth/url')).authUrl;
  } catch (e) {
    return failure(e);
  }
  redirect(authUrl);
}

// Disconnects; vendly-server also revokes our access on Meta's side, best effort, and says when Meta did
// not confirm it (?disconnected=kept: the notice tells the seller where to remove it by hand).
export async function disconnectInstagram(_prev: FormState): Promise<FormState> {
  let kept = false;
  try {
    const answer = await api<DisconnectAnswer>('/api/instagram/connection', 'DELETE');
    kept = answer.meta.grant === 'failed' || answer.meta.subscription === 'failed';
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'not_connected')) return failure(e);
  }
  revalidatePath('/dashboard', 'layout');
  redirect(`${INTEGRATIONS}?disconnected=${kept ? 'kept' : '1'}`);
}

// Asks Meta whether the stored token still works; a rejected token marks the connection expired.
export async function checkInstagramConnection(_prev: FormState): Promise<FormState> {
  try {
    await api('/api/instagram/connection/validate', 'POST');
  } catch (e) {
    if (e instanceof ApiError) return { error: checkErrorMessage(e.code, e.message) };
    throw e;
  }
  revalidatePath('/dashboard', 'layout');
  redirect(INTEGRATIONS);
}

// ---- Catalog mutations, called from client components (they return an Outcome, never throw on the
// server's refusals). vendly-server checks every argument; ids are only ever placed in a path escaped.

const DRAFTS = '/dashboard/products/drafts';
const PRODUCTS = '/dashboard/products';

async function outcome<T extends object>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.status === 401) redirect('/login');
      return { ok: false, error: e.message, code: e.code, errors: e.errors.length ? e.errors : undefined };
    }
    throw e;
  }
}

function draftPath(draftId: string, action = ''): string {
  return `/api/products/drafts/${encodeURIComponent(draftId)}${action}`;
}

// Bulk import (plan 6.2): a scan already running for the connection is answered with that scan.
export async function startScan(options: ScanOptions): Promise<Outcome<{ scan: ScanStarted }>> {
  return outcome(async () => ({ scan: await api<ScanStarted>('/api/instagram/scan', 'POST', options) }));
}

// Save draft: the changed fields only, so a field the seller never touched keeps following Instagram.
export async function saveDraft(draftId: string, edits: DraftEdits): Promise<Outcome<{ draft: Draft }>> {
  const r = await outcome(() => api<{ draft: Draft }>(draftPath(draftId), 'PATCH', edits));
  if (r.ok) revalidatePath(DRAFTS);
  return r;
}

// Approve (with the edits of the modal, if any, applied first): the product is created.
export async function approveDraft(draftId: string, edits?: DraftEdits): Promise<Outcome<{ product: Product }>> {
  const r = await outcome(() => api<{ product: Product }>(draftPath(draftId, '/approve'), 'POST', edits ?? {}));
  if (r.ok) {
    revalidatePath(DRAFTS);
    revalidatePath(PRODUCTS);
  }
  return r;
}

export async function rejectDraft(draftId: string, reason: string): Promise<Outcome<{ message: string }>> {
  const trimmed = reason.trim();
  const r = await outcome(() => api<{ message: string }>(draftPath(draftId, '/reject'), 'POST', trimmed ? { reason: trimmed } : {}));
  if (r.ok) revalidatePath(DRAFTS);
  return r;
}

export async function batchApproveDrafts(draftIds: string[]): Promise<Outcome<BatchApproveResponse>> {
  const r = await outcome(() => api<BatchApproveResponse>('/api/products/drafts/batch-approve', 'POST', { draftIds }));
  if (r.ok) {
    revalidatePath(DRAFTS);
    revalidatePath(PRODUCTS);
  }
  return r;
}

export async function markNotificationRead(notificationId: string): Promise<Outcome<object>> {
  return outcome(() => api<object>(`/api/notifications/${encodeURIComponent(notificationId)}/read`, 'POST'));
}

export async function markAllNotificationsRead(): Promise<Outcome<object>> {
  return outcome(() => api<object>('/api/notifications/read-all', 'POST'));
}

// ---- Sync (US-5, plan 6.1)

const CONFLICTS = '/dashboard/products/conflicts';

// Keeps Instagram's value, the store's, or the one typed; the server checks the result with the core's
// draft rules (422 with `errors` otherwise) and changes the product in the same transaction.
export async function resolveConflict(
  conflictId: string,
  choice: ConflictChoice,
  value?: ConflictValue,
): Promise<Outcome<{ conflict: SyncConflict; product: Product }>> {
  const body = choice === 'value' ? { choice, value: value ?? null } : { choice };
  const r = await outcome(() =>
    api<{ conflict: SyncConflict; product: Product }>(`/api/sync/conflicts/${encodeURIComponent(conflictId)}/resolve`, 'POST', body),
  );
  if (r.ok || r.code === 'conflict_resolved' || r.code === 'not_found') {
    revalidatePath(CONFLICTS);
    revalidatePath(PRODUCTS);
  }
  return r;
}

// "Check for new posts now": a poll of the connection at once (202; one already waiting answers too).
export async function requestSync(): Promise<Outcome<{ sync: SyncRequested }>> {
  const r = await outcome(async () => ({ sync: await api<SyncRequested>('/api/instagram/sync', 'POST') }));
  if (r.ok) revalidatePath(INTEGRATIONS);
  return r;
}
