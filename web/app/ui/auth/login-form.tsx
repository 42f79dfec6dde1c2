'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { login } from '@/app/lib/actions';
import type { FormState, LoginField } from '@/app/lib/definitions';
import { FieldError, FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

export function LoginForm() {
  const [state, action] = useActionState<FormState<LoginField>, FormData>(login, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="card form" noValidate>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" defaultValue={state.values?.email} type="email" autoComplete="email" required aria-invalid={Boolean(fe.email)} aria-describedby={fe.email ? 'email-error' : undefined} />
      <FieldError id="email-error" message={fe.email} />

      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(fe.password)} aria-describedby={fe.password ? 'password-error' : undefined} />
      <FieldError id="password-error" message={fe.password} />

      <FormAlert error={state.error} />
      <SubmitButton pendingLabel="Signing in…" className="wide">
        Sign in
      </SubmitButton>
      <p className="muted small">
        New to Vendly? <Link href="/signup">Create a store</Link>
      </p>
    </form>
  );
}
