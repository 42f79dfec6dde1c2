import Link from 'next/link';
import type { SyncHistoryEntry } from '@/app/lib/definitions';
import { duration, exactTime, timeAgo } from '@/app/lib/time';

const TYPES: Record<string, string> = {
  bulk_import: 'Import',
  incremental_sync: 'New posts',
  webhook_trigger: 'Instagram event',
  manual_refresh: 'Manual refresh',
};

const STATUS: Record<string, { text: string; tone: string }> = {
  queued: { text: 'Waiting', tone: 'muted' },
  processing: { text: 'Running', tone: 'muted' },
  completed: { text: 'Done', tone: 'ok' },
  success: { text: 'Done', tone: 'ok' },
  partial_success: { text: 'Partly done', tone: 'warn' },
  failed: { text: 'Failed', tone: 'err' },
};

// The plan's sync history (5.5): one row per scan or sync. A table on a wide screen; on a phone each row
// stacks into a small card (globals.css), each value with its column's name.
export function SyncHistoryTable({ history }: { history: SyncHistoryEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="history">
        <caption className="sr-only">Scans and syncs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Processed</th>
            <th scope="col" className="num">Drafts</th>
            <th scope="col" className="num">Products</th>
            <th scope="col" className="num">API calls</th>
            <th scope="col" className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => {
            const s = STATUS[h.status] ?? { text: h.status, tone: 'muted' };
            const type = TYPES[h.syncType] ?? h.syncType;
            return (
              <tr key={h.id} data-testid="sync-row">
                <td data-label="When">
                  {h.startedAt ? (
                    <time dateTime={h.startedAt} title={exactTime(h.startedAt)}>
                      {timeAgo(h.startedAt)}
                    </time>
                  ) : (
                    'Not started'
                  )}
                </td>
                <td data-label="Type">
                  {h.syncType === 'bulk_import' ? <Link href={`/dashboard/import?scan=${encodeURIComponent(h.id)}`}>{type}</Link> : type}
                </td>
                <td data-label="Status">
                  <span className={`badge badge-${s.tone}`}>{s.text}</span>
                  {h.errors.length ? <span className="muted small"> {h.errors.length} error{h.errors.length === 1 ? '' : 's'}</span> : null}
                </td>
                <td data-label="Processed" className="num">
                  {h.totalProcessed}
                  {h.totalMedia ? <span className="muted"> / {h.totalMedia}</span> : null}
                </td>
                <td data-label="Drafts" className="num">
                  {h.draftsCreated}
                </td>
                <td data-label="Products" className="num">
                  {h.productsImported + h.productsUpdated}
                </td>
                <td data-label="API calls" className="num">
                  {h.apiCallsUsed ?? '—'}
                </td>
                <td data-label="Duration" className="num">
                  {h.completedAt ? duration(h.durationMs) : 'Running'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
