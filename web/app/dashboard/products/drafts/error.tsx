'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function DraftsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Your drafts could not be loaded" />;
}
