'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function ImportError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="The import could not be loaded" />;
}
