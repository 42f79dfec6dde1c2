'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { requestSync } from '@/app/lib/actions';
import { FormAlert } from '@/app/ui/form-messages';

// "Check for new posts now" (plan 6.1): a poll of the account at once (POST /api/instagram/sync, 202).
// New posts become drafts, edited captions update products; the card's "Last synced" follows.
export function SyncNowButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<{ error?: string; message?: string }>({});
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const run = async () => {
    setPending(true);
    setState({});
    try {
      const r = await requestSync();
      if (!r.ok) setState({ error: r.error });
      else {
        setState({
          message: r.sync.alreadyQueued
            ? 'A check is already on its way. New products will appear in your drafts.'
            : 'Checking Instagram for new and edited posts. New products will appear in your drafts.',
        });
        // The poll takes a few seconds: read the card again so "Last synced" moves.
        for (const ms of [3000, 8000]) timers.current.push(setTimeout(() => router.refresh(), ms));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="sync-now">
      <button type="button" className="secondary" onClick={() => void run()} disabled={pending}>
        {pending ? 'Checking…' : 'Check for new posts now'}
      </button>
      <FormAlert error={state.error} message={state.message} />
    </div>
  );
}
