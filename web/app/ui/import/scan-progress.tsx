import type { Scan } from '@/app/lib/definitions';
import { timeLeft } from '@/app/lib/time';

// Step 2 of the bulk import (6.2): how far the scan is, fed by polling.
export function ScanProgress({ scan }: { scan: Scan }) {
  const { totalMedia, processed, draftsCreated, skipped, failed } = scan.progress;
  const known = totalMedia > 0;
  const percent = known ? Math.min(100, Math.round((processed / totalMedia) * 100)) : 0;
  const left = timeLeft(scan.estimatedTimeRemaining);
  // The fill's width is a class in 5% steps (globals.css): the dashboard's CSP refuses inline style attributes.
  const step = Math.round(percent / 5) * 5;
  return (
    <section className="card" aria-labelledby="progress-heading" data-testid="scan-progress">
      <h2 id="progress-heading">{scan.status === 'queued' ? 'Your scan is about to start…' : 'Scanning Instagram…'}</h2>
      <div
        className={`progress${known ? '' : ' progress-unknown'}`}
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={known ? totalMedia : undefined}
        aria-valuenow={known ? processed : undefined}
        aria-valuetext={known ? `${processed} of ${totalMedia} posts` : 'Reading your list of posts'}
      >
        <div className={known ? `progress-fill w-${step}` : 'progress-fill'} />
      </div>
      <p className="progress-line">
        <strong data-testid="scan-count">{known ? `${processed}/${totalMedia} posts` : 'Reading your list of posts…'}</strong>
        {left ? <span className="muted"> · {left}</span> : null}
      </p>
      <p className="muted small">
        Reading captions for names, prices, sizes and colours. {draftsCreated} draft{draftsCreated === 1 ? '' : 's'} so far
        {skipped ? `, ${skipped} post${skipped === 1 ? '' : 's'} without a product` : ''}
        {failed ? `, ${failed} failed` : ''}. You can leave this page: the scan carries on and we’ll notify you.
      </p>
    </section>
  );
}
