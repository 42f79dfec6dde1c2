import { connectError } from '@/app/lib/instagram-errors';

// The outcome of a trip to Meta's login dialog (?connected=1 or ?error=<code>), or of a disconnect.
export function CallbackNotice({
  connected,
  error,
  disconnected,
  metaKept = false,
}: {
  connected: boolean;
  error?: string;
  disconnected: boolean;
  metaKept?: boolean;
}) {
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
        {metaKept ? (
          <p data-testid="meta-kept">
            Facebook did not confirm that our access was removed. To remove it yourself, open Facebook Settings, Business
            integrations, and remove our app.
          </p>
        ) : (
          <p className="small">Our access was removed on Facebook too.</p>
        )}
      </div>
    );
  return null;
}
