import type { ConnectionStatus } from '@/app/lib/definitions';

const LABELS: Record<string, { text: string; tone: string }> = {
  active: { text: 'Active', tone: 'ok' },
  expired: { text: 'Expired', tone: 'warn' },
  error: { text: 'Needs attention', tone: 'err' },
};

export function StatusBadge({ status }: { status: ConnectionStatus }) {
  const l = LABELS[status] ?? { text: status, tone: 'muted' };
  return (
    <span className={`badge badge-${l.tone}`} data-testid="connection-status">
      {l.tone === 'ok' ? '✓ ' : l.tone === 'muted' ? '' : '! '}
      {l.text}
    </span>
  );
}
