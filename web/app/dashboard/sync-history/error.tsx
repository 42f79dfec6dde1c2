'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function SyncHistoryError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Your sync history could not be loaded" />;
}
