'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { signup } from '@/app/lib/actions';
import { CURRENCIES, DEFAULT_CURRENCY, LIMITS } from '@/app/lib/constants';
import type { FormState, SignupField } from '@/app/lib/definitions';
import { FieldError, FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

export function SignupForm() {
  const [state, action] = useActionState<FormState<SignupField>, FormData>(signup, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="card form" noValidate>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" defaultValue={state.values?.email} type="email" autoComplete="email" required aria-invalid={Boolean(fe.email)} aria-describedby={fe.email ? 'email-error' : undefined} />
      <FieldError id="email-error" message={fe.email} />

      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" required minLength={LIMITS.passwordMin} maxLength={LIMITS.passwordMax} aria-invalid={Boolean(fe.password)} aria-describedby={fe.password ? 'password-error' : 'password-hint'} />
      {fe.password ? <FieldError id="password-error" message={fe.password} /> : <p id="password-hint" className="hint">At least {LIMITS.passwordMin} characters.</p>}

      <label htmlFor="storeName">Store name</label>
      <input id="storeName" name="storeName" defaultValue={state.values?.storeName} type="text" autoComplete="organization" required maxLength={LIMITS.storeNameMax} aria-invalid={Boolean(fe.storeName)} aria-describedby={fe.storeName ? 'storeName-error' : undefined} />
      <FieldError id="storeName-error" message={fe.storeName} />

      <label htmlFor="currency">Currency</label>
      <select id="currency" name="currency" key={state.values?.currency ?? DEFAULT_CURRENCY} defaultValue={state.values?.currency ?? DEFAULT_CURRENCY} aria-invalid={Boolean(fe.currency)} aria-describedby={fe.currency ? 'currency-error' : undefined}>
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <FieldError id="currency-error" message={fe.currency} />

      <FormAlert error={state.error} />
      <SubmitButton pendingLabel="Creating your store…" className="wide">
        Create store
      </SubmitButton>
      <p className="muted small">
        Already selling with Vendly? <Link href="/login">Sign in</Link>
      </p>
    </form>
  );
}
