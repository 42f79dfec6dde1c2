import { CardSkeleton } from '@/app/ui/skeletons';

export default function Loading() {
  return <CardSkeleton label="Loading your sync history" lines={6} />;
}
