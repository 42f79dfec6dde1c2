'use client';
import { API } from '@/app/lib/constants';
import type { Draft } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';
import { expiresIn } from '@/app/lib/time';
import { Confidence } from '@/app/ui/catalog/confidence';
import { MediaThumb } from '@/app/ui/catalog/media-thumb';
import { readingText } from '@/app/ui/drafts/second-opinion';

const STATUS_BADGE: Record<string, { text: string; tone: string }> = {
  approved: { text: '✓ Imported', tone: 'ok' },
  rejected: { text: 'Rejected', tone: 'muted' },
  expired: { text: 'Expired', tone: 'warn' },
};

// The caption and the AI model read different prices: never auto-approved, the seller chooses.
export function priceDisputed(d: Draft): boolean {
  return Boolean(d.secondOpinion?.fields.price?.disputed);
}

export function draftName(d: Draft): string {
  return d.current.name.trim() || 'Untitled product';
}

// One draft: picture, name, money, confidence, expiry, and what the seller can do with it. Pending drafts
// are selectable for batch approval; a draft the core finds incomplete says what to fix.
export function DraftCard({
  draft,
  selected,
  onSelect,
  onApprove,
  onReject,
  onEdit,
  busy,
  problem,
  variant,
}: {
  draft: Draft;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onApprove: () => void;
  onReject: () => void;
  onEdit: () => void;
  busy: boolean;
  problem?: string;
  variant: 'drafts' | 'review';
}) {
  const d = draft.current;
  const name = draftName(draft);
  const pending = draft.approvalStatus === 'pending';
  const badge = STATUS_BADGE[draft.approvalStatus];
  const needsFix = draft.errors.length > 0;
  const priceDispute = priceDisputed(draft) ? draft.secondOpinion?.fields.price : undefined;
  return (
    <li className={`draft-card${selected ? ' selected' : ''}`} data-testid="draft-card" data-draft-id={draft.id} aria-label={name}>
      <div className="draft-media">
        <MediaThumb src={draft.imageUrls[0]} alt={name} />
        {pending && !priceDispute ? (
          <input
            type="checkbox"
            className="draft-select"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={`Select ${name}`}
          />
        ) : null}
      </div>
      <div className="draft-body">
        <h3 className="draft-name">{name}</h3>
        <p className="draft-money">
          <span className="price" data-testid="price">
            {formatMoney(d.price, d.currency)}
          </span>
          {d[API.oldPrice] !== null ? <span className="was">{formatMoney(d[API.oldPrice], d.currency)}</span> : null}
        </p>
        <p className="draft-meta small">
          <Confidence value={draft.confidence} />
          {pending && variant === 'drafts' ? (
            <span className="muted" title={draft.expiresAt}>
              {expiresIn(draft.expiresAt)}
            </span>
          ) : null}
          {badge ? <span className={`badge badge-${badge.tone}`}>{badge.text}</span> : null}
        </p>
        {pending && needsFix ? (
          <p className="field-error small" data-testid="draft-needs-fix">
            To approve: {draft.errors.map((e) => e.message).join(' ')}
          </p>
        ) : null}
        {pending && priceDispute ? (
          <p className="field-warn small" data-testid="draft-price-disputed">
            Choose the price: the caption says {readingText('price', priceDispute.engine, d.currency)}, the AI model{' '}
            {readingText('price', priceDispute.model, d.currency)}.
          </p>
        ) : null}
        {problem ? (
          <p className="field-error small" role="alert">
            {problem}
          </p>
        ) : null}
        {draft.approvalStatus === 'rejected' && draft.rejectionReason ? (
          <p className="muted small">Reason: {draft.rejectionReason}</p>
        ) : null}
        <div className="draft-actions">
          {pending && variant === 'drafts' ? (
            needsFix || priceDispute ? (
              <button type="button" className="small-button" onClick={onEdit} disabled={busy}>
                {needsFix ? 'Fix & approve' : 'Choose price & approve'}
              </button>
            ) : (
              <button type="button" className="small-button" onClick={onApprove} disabled={busy} aria-label={`Approve ${name}`}>
                {busy ? 'Approving…' : '✓ Approve'}
              </button>
            )
          ) : null}
          {pending && variant === 'drafts' ? (
            <button type="button" className="small-button danger-outline" onClick={onReject} disabled={busy} aria-label={`Reject ${name}`}>
              ✗ Reject
            </button>
          ) : null}
          {pending && !(variant === 'drafts' && (needsFix || priceDispute)) ? (
            <button type="button" className="small-button secondary" onClick={onEdit} disabled={busy} aria-label={`Edit ${name}`}>
              ✏ Edit
            </button>
          ) : null}
          {draft.permalink ? (
            <a className="small view-post" href={draft.permalink} target="_blank" rel="noopener noreferrer" aria-label={`View post of ${name} on Instagram`}>
              View post
            </a>
          ) : null}
        </div>
      </div>
    </li>
  );
}
