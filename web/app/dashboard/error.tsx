'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="The dashboard could not be loaded" />;
}
