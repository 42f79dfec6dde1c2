'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function ProductsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Your products could not be loaded" />;
}
