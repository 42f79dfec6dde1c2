import { connectError } from '@/app/lib/instagram-errors';

// The outcome of a trip to Meta's login dialog (?connected=1 or ?error=<code>), or of a disconnect.
export function CallbackNotice({ connected, error, disconnected }: { connected: boolean; error?: string; disconnected: boolean }) {
  if (error) {
    const e = connectError(error);
    return (
      <div className="notice notice-error" role="alert" data-testid="connect-error" data-code={error}>
        <strong>{e.title}</strong>
        <p>{e.help}</p>
      </div>
    );
  }
  if (connected)
    return (
      <div className="notice notice-ok" role="status">
        <strong>Instagram connected</strong>
        <p>Your account is linked to this store.</p>
      </div>
    );
  if (disconnected)
    return (
      <div className="notice" role="status">
        <strong>Instagram disconnected</strong>
        <p>We no longer read your posts. Products already in your catalog stay there.</p>
      </div>
    );
  return null;
}
