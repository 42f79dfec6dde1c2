import { getMe } from '@/app/lib/data';
import { NavLinks } from '@/app/ui/dashboard/nav-links';
import { TopBar } from '@/app/ui/dashboard/top-bar';

// Every dashboard screen: the store's header and the navigation. No session: getMe sends to /login.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const me = await getMe();
  return (
    <>
      <TopBar me={me} />
      <NavLinks />
      <main>{children}</main>
    </>
  );
}
