'use client';
import { useEffect } from 'react';

// What a route's error.tsx shows: the page failed, the seller can try again.
export function ErrorPanel({ error, reset, title }: { error: Error & { digest?: string }; reset: () => void; title: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="card error-panel" role="alert">
      <h2>{title}</h2>
      <p>
        Something went wrong while loading this page. Check your connection and try again.
        {error.digest ? <span className="muted"> (Reference: {error.digest})</span> : null}
      </p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </section>
  );
}
