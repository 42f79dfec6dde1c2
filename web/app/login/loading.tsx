import { CardSkeleton } from '@/app/ui/skeletons';

export default function Loading() {
  return (
    <main className="narrow">
      <CardSkeleton label="Loading" lines={4} />
    </main>
  );
}
