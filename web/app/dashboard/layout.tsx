import { getMe, getOpenConflictCount } from '@/app/lib/data';
import { NavLinks } from '@/app/ui/dashboard/nav-links';
import { TopBar } from '@/app/ui/dashboard/top-bar';

// Every dashboard screen: the store's header and the navigation. No session: getMe sends to /login.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const [me, openConflicts] = await Promise.all([getMe(), getOpenConflictCount()]);
  return (
    <>
      <TopBar me={me} />
      <NavLinks openConflicts={openConflicts} />
      <main>{children}</main>
    </>
  );
}
