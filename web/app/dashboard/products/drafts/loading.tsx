import { GridSkeleton } from '@/app/ui/skeletons';

export default function Loading() {
  return <GridSkeleton label="Loading your drafts" />;
}
