import { CardSkeleton } from '@/app/ui/skeletons';

export default function Loading() {
  return <CardSkeleton label="Loading the import" lines={5} />;
}
