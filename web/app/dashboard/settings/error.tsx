'use client';
import { ErrorPanel } from '@/app/ui/error-panel';

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Your settings could not be loaded" />;
}
