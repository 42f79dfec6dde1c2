'use client';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserGet } from '@/app/lib/browser-api';
import type { Scan } from '@/app/lib/definitions';
import { NOTIFICATIONS_STALE } from '@/app/lib/events';
import { DraftGrid } from '@/app/ui/drafts/draft-grid';
import { ScanProgress } from '@/app/ui/import/scan-progress';

const POLL_MS = 1000;
const DRAFTS_LIMIT = 500; // the server's most; the rest stay in Drafts
// Pictures are copied into the media store after the scan: a finished scan is read again now and then
// while some of its drafts have none yet (a post whose picture Instagram withholds never gets one).
const PICTURES_POLL_MS = 5000;
const PICTURES_POLLS = 24;

function missingPictures(s: Scan): boolean {
  return s.drafts.some((d) => d.imageUrls.length === 0);
}

// Steps 2 and 3 of the bulk import (6.2): the scan's progress, polled from the server while it runs,
// then the drafts it found as a review grid (select all, import selected, edit, view post).
export function ScanReview({ scanId, storeCurrency }: { scanId: string; storeCurrency: string }) {
  const [scan, setScan] = useState<Scan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const finished = scan?.status === 'completed' || scan?.status === 'failed';
  const finishedRef = useRef(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const limit = finishedRef.current ? DRAFTS_LIMIT : 0;
      const s = await browserGet<Scan>(`/api/instagram/scan/${encodeURIComponent(scanId)}?draftsLimit=${limit}`, signal);
      if ((s.status === 'completed' || s.status === 'failed') && !finishedRef.current) {
        // Finished: read it once more with its drafts.
        finishedRef.current = true;
        window.dispatchEvent(new Event(NOTIFICATIONS_STALE));
        return browserGet<Scan>(`/api/instagram/scan/${encodeURIComponent(scanId)}?draftsLimit=${DRAFTS_LIMIT}`, signal);
      }
      return s;
    },
    [scanId],
  );

  // Poll while the scan runs; a failed read is retried, slower each time.
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let picturePolls = 0;
    const tick = async () => {
      let wait = POLL_MS;
      try {
        const s = await load(ctl.signal);
        setScan(s);
        setError(null);
        failures = 0;
        if (s.status === 'completed' || s.status === 'failed') {
          if (!missingPictures(s) || ++picturePolls > PICTURES_POLLS) return;
          wait = PICTURES_POLL_MS;
        }
      } catch (e) {
        if (ctl.signal.aborted) return;
        failures += 1;
        setError(e instanceof Error ? e.message : String(e));
        if ((e as { status?: number }).status === 404) return;
        wait = POLL_MS * Math.min(10, 2 ** failures);
      }
      timer = setTimeout(() => void tick(), wait);
    };
    void tick();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const reload = useCallback(() => {
    load()
      .then(setScan)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [load]);

  if (!scan)
    return error ? (
      <section className="card notice-error" role="alert">
        <h2>This scan could not be loaded</h2>
        <p>{error}</p>
        <Link href="/dashboard/import">Start a new scan</Link>
      </section>
    ) : (
      <section className="card skeleton" aria-busy="true" aria-label="Loading the scan">
        <div className="skeleton-line skeleton-title" />
        <div className="skeleton-line" />
      </section>
    );

  if (!finished)
    return (
      <>
        <ScanProgress scan={scan} />
        {error ? (
          <p className="alert alert-error" role="alert">
            Lost contact with the server ({error}). Trying again…
          </p>
        ) : null}
      </>
    );

  if (scan.status === 'failed')
    return (
      <section className="card notice-error" role="alert" data-testid="scan-failed">
        <h2>The scan stopped</h2>
        <p>{scan.error?.message ?? 'Something went wrong while reading your posts.'}</p>
        <p>
          {scan.progress.draftsCreated} draft{scan.progress.draftsCreated === 1 ? ' was' : 's were'} created before it stopped
          {scan.progress.draftsCreated ? (
            <>
              {' '}
              — <Link href="/dashboard/products/drafts">review them</Link>
            </>
          ) : null}
          .
        </p>
        <Link className="button-link" href={scan.error?.code === 'connection_expired' ? '/dashboard/settings/integrations' : '/dashboard/import'}>
          {scan.error?.code === 'connection_expired' ? 'Reconnect Instagram' : 'Try again'}
        </Link>
      </section>
    );

  const p = scan.progress;
  return (
    <section aria-labelledby="review-heading" data-testid="scan-review">
      <div className="card-head">
        <h2 id="review-heading">Review detected products ({scan.draftsTotal} found)</h2>
        <Link className="small" href="/dashboard/import">
          New scan
        </Link>
      </div>
      <p className="muted" data-testid="scan-summary">
        Scanned {p.processed} post{p.processed === 1 ? '' : 's'}: {p.draftsCreated} draft{p.draftsCreated === 1 ? '' : 's'}
        {p.productsImported ? `, ${p.productsImported} of them published automatically` : ''}
        {p.skipped ? `, ${p.skipped} post${p.skipped === 1 ? '' : 's'} without a product` : ''}
        {p.failed ? `, ${p.failed} could not be read` : ''}.
      </p>
      {scan.drafts.length === 0 ? (
        <div className="card empty-state">
          <h3>No products found in these posts</h3>
          <p>Posts with a name and a price in the caption become drafts. Try a scan that includes videos or older posts.</p>
          <Link className="button-link" href="/dashboard/import">
            Start another scan
          </Link>
        </div>
      ) : (
        <>
          {scan.draftsTotal > scan.drafts.length ? (
            <p className="notice">
              Showing the newest {scan.drafts.length} of {scan.draftsTotal}. <Link href="/dashboard/products/drafts">All drafts</Link>
            </p>
          ) : null}
          <DraftGrid drafts={scan.drafts} storeCurrency={storeCurrency} variant="review" onChanged={reload} />
        </>
      )}
    </section>
  );
}
