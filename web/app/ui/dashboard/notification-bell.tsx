'use client';
import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { markAllNotificationsRead, markNotificationRead } from '@/app/lib/actions';
import { browserGet } from '@/app/lib/browser-api';
import type { Notification, NotificationsResponse } from '@/app/lib/definitions';
import { NOTIFICATIONS_STALE } from '@/app/lib/events';
import { exactTime, timeAgo } from '@/app/lib/time';

const POLL_MS = 15_000;

// Where a notification takes the seller, and what the link says.
function actionOf(n: Notification): { href: string; label: string } | null {
  const scanId = typeof n.data.scanId === 'string' ? n.data.scanId : null;
  switch (n.kind) {
    case 'draft_created':
      // Published at once by auto-approve: it is in the catalog, not among the drafts.
      return typeof n.data.productId === 'string'
        ? { href: '/dashboard/products', label: 'See product' }
        : { href: '/dashboard/products/drafts', label: 'Review now' };
    case 'scan_completed':
      return { href: '/dashboard/products/drafts', label: 'Review now' };
    case 'scan_failed':
      return { href: scanId ? `/dashboard/import?scan=${encodeURIComponent(scanId)}` : '/dashboard/sync-history', label: 'See what happened' };
    case 'connection_expired':
      return { href: '/dashboard/settings/integrations', label: 'Reconnect' };
    case 'product_archived':
      return { href: '/dashboard/products?status=archived', label: 'See products' };
    case 'sync_conflict':
      return { href: '/dashboard/products/conflicts', label: 'Resolve' };
    default:
      return null;
  }
}

// The bell in the dashboard's header (plan 6.4): unread count, the latest notifications, mark read.
// Polls every 15 s, when the tab comes back, and when a scan on this page finishes.
export function NotificationBell() {
  const [data, setData] = useState<NotificationsResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    try {
      setData(await browserGet<NotificationsResponse>('/api/notifications?limit=20'));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const soon: ReturnType<typeof setTimeout>[] = [];
    const stale = () => {
      void refresh();
      soon.push(setTimeout(() => void refresh(), 2000)); // the server may write it just after
    };
    const visible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener(NOTIFICATIONS_STALE, stale);
    document.addEventListener('visibilitychange', visible);
    return () => {
      clearInterval(timer);
      soon.forEach(clearTimeout);
      window.removeEventListener(NOTIFICATIONS_STALE, stale);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [refresh]);

  // Close on Escape (focus back to the bell) and on a click outside.
  useEffect(() => {
    if (!open) return;
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const click = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', key);
    document.addEventListener('mousedown', click);
    return () => {
      document.removeEventListener('keydown', key);
      document.removeEventListener('mousedown', click);
    };
  }, [open]);

  const unread = data?.unreadCount ?? 0;
  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    await markNotificationRead(n.id);
    await refresh();
  };
  const markAll = async () => {
    await markAllNotificationsRead();
    await refresh();
  };

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void refresh();
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread ? (
          <span className="bell-count" aria-hidden="true" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} className="bell-panel" role="region" aria-label="Notifications">
          <div className="bell-head">
            <h2>Notifications</h2>
            {unread ? (
              <button type="button" className="link-button small" onClick={() => void markAll()}>
                Mark all read
              </button>
            ) : null}
          </div>
          {failed && !data ? <p className="muted small">Notifications could not be loaded. We’ll try again shortly.</p> : null}
          {data && data.notifications.length === 0 ? (
            <p className="muted small">Nothing new. We’ll tell you here when a scan finishes or a new product is found.</p>
          ) : null}
          {data && data.notifications.length ? (
            <ul className="bell-list">
              {data.notifications.map((n) => {
                const action = actionOf(n);
                return (
                  <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notification">
                    <p className="bell-title">
                      {n.readAt ? null : <span className="sr-only">Unread: </span>}
                      {n.title}
                    </p>
                    {n.body ? <p className="small">{n.body}</p> : null}
                    <p className="bell-meta small">
                      <time className="muted" dateTime={n.createdAt} title={exactTime(n.createdAt)}>
                        {timeAgo(n.createdAt)}
                      </time>
                      {action ? (
                        <Link
                          href={action.href}
                          onClick={() => {
                            setOpen(false);
                            void markRead(n);
                          }}
                        >
                          {action.label}
                        </Link>
                      ) : null}
                      {n.readAt ? null : (
                        <button type="button" className="link-button" onClick={() => void markRead(n)} aria-label={`Mark “${n.title}” as read`}>
                          Mark read
                        </button>
                      )}
                    </p>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
