'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startScan } from '@/app/lib/actions';
import { FormAlert } from '@/app/ui/form-messages';

const LIMITS = [
  { value: 50, label: 'The latest 50 posts' },
  { value: 100, label: 'The latest 100 posts' },
  { value: 500, label: 'The latest 500 posts' },
  { value: 10000, label: 'All my posts' },
];

// "Only posts from the last 6 months": the date six months before now.
function sixMonthsAgo(now = new Date()): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Step 1 of the plan's bulk import (6.2): what to scan, then Start Scan.
export function ScanOptionsForm({ username }: { username: string }) {
  const router = useRouter();
  const [carousels, setCarousels] = useState(true);
  const [videos, setVideos] = useState(false);
  const [recent, setRecent] = useState(true);
  const [limit, setLimit] = useState(100);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; reconnect: boolean } | null>(null);

  const start = async () => {
    setPending(true);
    setError(null);
    const r = await startScan({ includeCarousels: carousels, includeVideos: videos, since: recent ? sixMonthsAgo() : null, limit });
    if (r.ok) {
      router.push(`/dashboard/import?scan=${encodeURIComponent(r.scan.scanId)}`);
      return;
    }
    setPending(false);
    const reconnect = r.code === 'connection_expired' || r.code === 'not_connected';
    setError({ text: reconnect ? (r.code === 'not_connected' ? 'Instagram is not connected any more.' : 'Instagram stopped accepting our access: reconnect to scan.') : r.error, reconnect });
  };

  return (
    <form
      className="card form form-narrow"
      aria-labelledby="scan-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2 id="scan-heading">Scan your posts</h2>
      <p>
        We’ll read the posts of <strong>@{username}</strong> and turn the products in them into drafts for you to check.
        Nothing is published until you approve it.
      </p>
      <fieldset>
        <legend>Options</legend>
        <div className="checkbox">
          <input id="includeCarousels" type="checkbox" checked={carousels} onChange={(e) => setCarousels(e.target.checked)} />
          <label htmlFor="includeCarousels">Include carousel posts</label>
        </div>
        <div className="checkbox">
          <input id="includeVideos" type="checkbox" checked={videos} onChange={(e) => setVideos(e.target.checked)} />
          <label htmlFor="includeVideos">Include video posts</label>
        </div>
        <div className="checkbox">
          <input id="recentOnly" type="checkbox" checked={recent} onChange={(e) => setRecent(e.target.checked)} />
          <label htmlFor="recentOnly">Only posts from the last 6 months</label>
        </div>
        <label htmlFor="scanLimit">Posts to scan</label>
        <select id="scanLimit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {LIMITS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </fieldset>
      <div className="form-alert" aria-live="polite">
        {error ? (
          <p className="alert alert-error" role="alert">
            {error.text} {error.reconnect ? <Link href="/dashboard/settings/integrations">Go to Integrations</Link> : null}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Starting…' : 'Start scan'}
        </button>
        <Link className="button-link secondary" href="/dashboard">
          Cancel
        </Link>
      </div>
    </form>
  );
}
