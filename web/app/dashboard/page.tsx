import type { Metadata } from 'next';
import { getMe } from '@/app/lib/data';
import { Overview } from '@/app/ui/dashboard/overview';

export const metadata: Metadata = { title: 'Dashboard — Vendly' };

export default async function DashboardPage() {
  const me = await getMe();
  return (
    <>
      <h1>Welcome, {me.store.name}</h1>
      <Overview me={me} />
    </>
  );
}
