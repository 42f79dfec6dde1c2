import type { Metadata } from 'next';
import { getMe } from '@/app/lib/data';
import { StoreSettingsForm } from '@/app/ui/settings/store-settings-form';

export const metadata: Metadata = { title: 'Settings — Vendly' };

export default async function SettingsPage() {
  const { store } = await getMe();
  return (
    <>
      <h1>Settings</h1>
      <StoreSettingsForm store={store} />
    </>
  );
}
