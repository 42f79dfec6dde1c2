'use client';
import { useActionState, useState } from 'react';
import { disconnectInstagram } from '@/app/lib/actions';
import type { FormState } from '@/app/lib/definitions';
import { FormAlert } from '@/app/ui/form-messages';
import { SubmitButton } from '@/app/ui/submit-button';

// Disconnect asks first: the seller confirms in place, or cancels.
export function DisconnectForm({ username }: { username: string }) {
  const [state, action] = useActionState<FormState, FormData>(disconnectInstagram, {});
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
        Disconnect account
      </button>
    );
  return (
    <form action={action} className="confirm" role="group" aria-labelledby="disconnect-question">
      <p id="disconnect-question">
        <strong>Disconnect @{username}?</strong> We stop reading your posts. Products already in your catalog stay.
      </p>
      <div className="actions">
        <SubmitButton className="danger" pendingLabel="Disconnecting…">
          Yes, disconnect
        </SubmitButton>
        <button type="button" className="secondary" autoFocus onClick={() => setConfirming(false)}>
          Keep connected
        </button>
      </div>
      <FormAlert error={state.error} />
    </form>
  );
}
