import { CaptionPlayground } from '@/app/ui/try/caption-playground';

export const metadata = { title: 'Try the extractor — Vendly' };

export default function TryPage() {
  return (
    <main>
      <h1>Try the extractor</h1>
      <p className="lead">Paste an Instagram caption. The catalog engine runs in your browser as you type.</p>
      <CaptionPlayground />
    </main>
  );
}
