'use client';
import { useId, useState } from 'react';
import { rejectDraft } from '@/app/lib/actions';
import { FormAlert } from '@/app/ui/form-messages';
import { Modal } from '@/app/ui/modal';

const REASONS = ['Not a product', 'Sold out', 'Duplicate of another product', 'Wrong details'];

// Reject asks why (optional): the seller picks a common reason or writes one.
export function RejectDialog({ draftId, name, onClose, onRejected }: { draftId: string; name: string; onClose: () => void; onRejected: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  const hintId = useId();
  const submit = async () => {
    setPending(true);
    setError(undefined);
    const r = await rejectDraft(draftId, reason);
    setPending(false);
    if (r.ok) onRejected();
    else setError(r.error);
  };
  return (
    <Modal title={`Reject “${name}”?`} onClose={onClose} className="small-modal">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">The draft leaves your list; nothing is published.</p>
        <div className="chips" role="group" aria-label="Common reasons">
          {REASONS.map((r) => (
            <button key={r} type="button" className="chip chip-button" aria-pressed={reason === r} onClick={() => setReason(r)}>
              {r}
            </button>
          ))}
        </div>
        <label htmlFor={reasonId}>Reason (optional)</label>
        <textarea
          id={reasonId}
          className="short"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={hintId}
        />
        <p id={hintId} className="hint">
          For your records: it is kept with the draft.
        </p>
        <FormAlert error={error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={pending}>
            {pending ? 'Rejecting…' : 'Reject draft'}
          </button>
          <button type="button" className="secondary" onClick={onClose} autoFocus>
            Keep draft
          </button>
        </div>
      </form>
    </Modal>
  );
}
