'use client';
import { useActionState } from 'react';
import { connectInstagram } from '@/app/lib/actions';
import type { FormState } from '@/app/lib/definitions';
import { FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

// Sends the seller to Meta's login dialog (the server hands out the URL with a single-use state).
export function ConnectForm({ label }: { label: string }) {
  const [state, action] = useActionState<FormState, FormData>(connectInstagram, {});
  return (
    <form action={action}>
      <SubmitButton pendingLabel="Opening Facebook…">{label}</SubmitButton>
      <FormAlert error={state.error} />
    </form>
  );
}
