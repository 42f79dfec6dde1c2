'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="narrow">
      <ErrorPanel error={error} reset={reset} title="This page could not be loaded" />
    </main>
  );
}
