'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { approveDraft, batchApproveDrafts } from '@/app/lib/actions';
import type { Draft } from '@/app/lib/definitions';
import { DraftCard, draftName, priceDisputed } from '@/app/ui/drafts/draft-card';
import { DraftEditor, type EditorResult } from '@/app/ui/drafts/draft-editor';
import { RejectDialog } from '@/app/ui/drafts/reject-dialog';

type Notice = { tone: 'ok' | 'error'; text: string; productsLink?: boolean };

// Drafts as a grid of cards with batch approval: the drafts screen (6.3) and the review step of an
// import (6.2). After any change `onChanged` runs (the import re-reads its scan; the drafts screen is
// refreshed by its server actions).
export function DraftGrid({
  drafts,
  storeCurrency,
  variant,
  onChanged,
  paged = false,
}: {
  drafts: Draft[];
  storeCurrency: string;
  variant: 'drafts' | 'review';
  onChanged?: () => void;
  paged?: boolean; // the list is one page of more: "Select all" says it selects this page
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Draft | null>(null);
  const [rejecting, setRejecting] = useState<Draft | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [batchPending, setBatchPending] = useState(false);

  // A draft whose price the caption and the AI model dispute is approved only from its editor, once the
  // seller has chosen the price: it is not among the drafts a batch approves.
  const pendingIds = useMemo(
    () => drafts.filter((d) => d.approvalStatus === 'pending' && !priceDisputed(d)).map((d) => d.id),
    [drafts],
  );
  // Only drafts still listed and pending stay selected (a refresh may have removed some).
  const chosen = pendingIds.filter((id) => selected.has(id));
  const allChosen = pendingIds.length > 0 && chosen.length === pendingIds.length;
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const verb = variant === 'review' ? 'Import' : 'Approve';

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setBusyFor = (id: string, on: boolean) =>
    setBusy((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const approveOne = async (d: Draft) => {
    setBusyFor(d.id, true);
    setProblems(({ [d.id]: _, ...rest }) => rest);
    const r = await approveDraft(d.id);
    setBusyFor(d.id, false);
    if (r.ok) {
      setNotice({ tone: 'ok', text: `“${r.product.name}” is now in your products.`, productsLink: true });
      onChanged?.();
    } else setProblems((p) => ({ ...p, [d.id]: r.errors?.map((e) => e.message).join(' ') || r.error }));
  };

  const approveChosen = async () => {
    if (!chosen.length) return;
    setBatchPending(true);
    setNotice(null);
    const r = await batchApproveDrafts(chosen);
    setBatchPending(false);
    if (!r.ok) {
      setNotice({ tone: 'error', text: r.error });
      return;
    }
    const failed: Record<string, string> = {};
    for (const item of r.items)
      if (item.status === 'failed')
        failed[item.draftId] = item.error?.errors?.map((e) => e.message).join(' ') || item.error?.message || 'This draft could not be approved.';
    setProblems(failed);
    setSelected(new Set(Object.keys(failed)));
    const { approved, failed: nFailed } = r.results;
    const failedNames = Object.keys(failed).map((id) => (byId.get(id) ? draftName(byId.get(id)!) : id));
    setNotice({
      tone: nFailed && !approved ? 'error' : 'ok',
      text:
        `${approved} product${approved === 1 ? '' : 's'} ${variant === 'review' ? 'imported' : 'approved'}.` +
        (nFailed ? ` ${nFailed} could not be: ${failedNames.join(', ')} (see the cards).` : ''),
      productsLink: approved > 0,
    });
    onChanged?.();
  };

  const edited = (result: EditorResult) => {
    const name = editing ? draftName(editing) : 'The draft';
    setEditing(null);
    if (result.kind === 'approved')
      setNotice({ tone: 'ok', text: `“${result.product.name}” is now in your products.`, productsLink: true });
    else setNotice({ tone: 'ok', text: `Changes to “${result.draft.current.name || name}” saved.` });
    onChanged?.();
  };

  return (
    <div className="draft-grid-wrap">
      {pendingIds.length ? (
        <div className="toolbar" role="group" aria-label="Batch actions">
          <label className="checkbox select-all">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={(e) => setSelected(e.target.checked ? new Set(pendingIds) : new Set())}
            />
            {paged ? `Select all on this page (${pendingIds.length})` : `Select all (${pendingIds.length})`}
          </label>
          <button type="button" onClick={() => void approveChosen()} disabled={!chosen.length || batchPending}>
            {batchPending ? `${verb === 'Import' ? 'Importing' : 'Approving'}…` : `${verb} selected (${chosen.length})`}
          </button>
        </div>
      ) : null}

      <div aria-live="polite" className="grid-notice">
        {notice ? (
          <p className={`alert ${notice.tone === 'ok' ? 'alert-ok' : 'alert-error'}`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
            {notice.text}
            {notice.productsLink ? (
              <>
                {' '}
                <Link href="/dashboard/products">View products</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      <ul className="draft-grid" aria-label={variant === 'review' ? 'Detected products' : 'Drafts'}>
        {drafts.map((d) => (
          <DraftCard
            key={d.id}
            draft={d}
            variant={variant}
            selected={selected.has(d.id)}
            onSelect={(on) => toggle(d.id, on)}
            onApprove={() => void approveOne(d)}
            onReject={() => setRejecting(d)}
            onEdit={() => setEditing(d)}
            busy={busy.has(d.id) || batchPending}
            problem={problems[d.id]}
          />
        ))}
      </ul>

      {editing ? <DraftEditor draft={editing} storeCurrency={storeCurrency} onClose={() => setEditing(null)} onDone={edited} /> : null}
      {rejecting ? (
        <RejectDialog
          draftId={rejecting.id}
          name={draftName(rejecting)}
          onClose={() => setRejecting(null)}
          onRejected={() => {
            setNotice({ tone: 'ok', text: `“${draftName(rejecting)}” rejected.` });
            setRejecting(null);
            onChanged?.();
          }}
        />
      ) : null}
    </div>
  );
}
