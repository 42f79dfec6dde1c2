'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function IntegrationsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Your Instagram connection could not be loaded" />;
}
