'use client';
import { useActionState } from 'react';
import { checkInstagramConnection } from '@/app/lib/actions';
import type { FormState } from '@/app/lib/definitions';
import { FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

// Asks Meta now whether our access still works (the server marks the connection expired if not).
export function CheckForm() {
  const [state, action] = useActionState<FormState, FormData>(checkInstagramConnection, {});
  return (
    <form action={action}>
      <SubmitButton className="secondary" pendingLabel="Checking…">
        Check connection
      </SubmitButton>
      <FormAlert error={state.error} />
    </form>
  );
}
