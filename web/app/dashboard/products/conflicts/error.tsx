'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function ConflictsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Sync conflicts could not be loaded" />;
}
