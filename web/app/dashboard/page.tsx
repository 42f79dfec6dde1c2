import type { Metadata } from 'next';
import { getDrafts, getMe } from '@/app/lib/data';
import { Overview } from '@/app/ui/dashboard/overview';

export const metadata: Metadata = { title: 'Dashboard — Vendly' };

export default async function DashboardPage() {
  const me = await getMe();
  // The count is a nicety: the overview still shows when the drafts cannot be read.
  const pendingDrafts = me.instagram.connected ? await getDrafts('all', 1, 1).then((d) => d.counts.all, () => null) : null;
  return (
    <>
      <h1>Welcome, {me.store.name}</h1>
      <Overview me={me} pendingDrafts={pendingDrafts} />
    </>
  );
}
