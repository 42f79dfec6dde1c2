'use server';
// Mutations: each server action checks its form, calls vendly-server, and returns errors as state for
// the form to show (useActionState), or redirects when it is done.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api, apiResponse, ApiError } from '@/app/lib/api';
import { getMe } from '@/app/lib/data';
import type { AuthUrlResponse, FormState, LoginField, SignupField, Store, StoreSettingsField } from '@/app/lib/definitions';
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

export async function disconnectInstagram(_prev: FormState): Promise<FormState> {
  try {
    await api('/api/instagram/connection', 'DELETE');
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'not_connected')) return failure(e);
  }
  revalidatePath('/dashboard', 'layout');
  redirect(`${INTEGRATIONS}?disconnected=1`);
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
