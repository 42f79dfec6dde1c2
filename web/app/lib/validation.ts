// Form checks, run by the server actions before anything is sent to vendly-server. They mirror the
// server's own rules (server/routes/auth.cc; limits and currencies from the core's registry, constants.ts) so the seller sees the message next to the field; the server
// still checks everything.
import { isCurrency, LIMITS } from '@/app/lib/constants';
import type { Currency, LoginField, SignupField, StoreSettingsField } from '@/app/lib/definitions';

export type Checked<Values, Field extends string> =
  | { ok: true; values: Values }
  | { ok: false; fieldErrors: Partial<Record<Field, string>> };

function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

function emailError(email: string): string | undefined {
  if (!email) return 'Enter your email address.';
  const at = email.indexOf('@');
  if (at < 1 || at !== email.lastIndexOf('@') || !email.slice(at).includes('.') || /\s/.test(email))
    return 'Enter an email address like name@example.com.';
  return undefined;
}

function result<Values, Field extends string>(
  values: Values,
  errors: Partial<Record<Field, string | undefined>>,
): Checked<Values, Field> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const [k, v] of Object.entries(errors) as [Field, string | undefined][]) if (v) fieldErrors[k] = v;
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, values };
}

export type SignupValues = { email: string; password: string; storeName: string; currency: Currency };

export function checkSignup(form: FormData): Checked<SignupValues, SignupField> {
  const email = text(form, 'email');
  const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
  const storeName = text(form, 'storeName');
  const currency = text(form, 'currency');
  return result<SignupValues, SignupField>(
    { email, password, storeName, currency: currency as Currency },
    {
      email: emailError(email),
      password:
        password.length < LIMITS.passwordMin
          ? `Use at least ${LIMITS.passwordMin} characters.`
          : password.length > LIMITS.passwordMax
            ? `Use at most ${LIMITS.passwordMax} characters.`
            : undefined,
      storeName: !storeName ? 'Enter the name of your store.' : storeName.length > LIMITS.storeNameMax ? `Use at most ${LIMITS.storeNameMax} characters.` : undefined,
      currency: isCurrency(currency) ? undefined : 'Choose the currency your prices are in.',
    },
  );
}

export type LoginValues = { email: string; password: string };

export function checkLogin(form: FormData): Checked<LoginValues, LoginField> {
  const email = text(form, 'email');
  const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
  return result<LoginValues, LoginField>(
    { email, password },
    { email: email ? undefined : 'Enter your email address.', password: password ? undefined : 'Enter your password.' },
  );
}

export type StoreSettingsValues = { currency: Currency; autoApprove: boolean; autoApproveThreshold: number };

// The threshold is shown as a percentage (90 %) and stored as a fraction (0.9).
export function checkStoreSettings(form: FormData): Checked<StoreSettingsValues, StoreSettingsField> {
  const currency = text(form, 'currency');
  const autoApprove = form.get('autoApprove') === 'on';
  const raw = text(form, 'autoApproveThreshold');
  const percent = Number(raw);
  const thresholdError =
    raw === '' ? 'Enter a confidence threshold.' : !Number.isInteger(percent) || percent < 0 || percent > 100 ? 'Enter a whole number from 0 to 100.' : undefined;
  return result<StoreSettingsValues, StoreSettingsField>(
    { currency: currency as Currency, autoApprove, autoApproveThreshold: percent / 100 },
    {
      currency: isCurrency(currency) ? undefined : 'Choose one of the listed currencies.',
      autoApproveThreshold: thresholdError,
    },
  );
}
