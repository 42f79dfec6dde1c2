import { CardSkeleton } from '@/app/ui/skeletons';

export default function Loading() {
  return <CardSkeleton label="Loading sync conflicts" lines={5} />;
}
