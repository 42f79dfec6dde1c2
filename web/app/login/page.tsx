import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMeIfSignedIn } from '@/app/lib/data';
import { LoginForm } from '@/app/ui/auth/login-form';

export const metadata: Metadata = { title: 'Sign in — Vendly' };

export default async function LoginPage() {
  if (await getMeIfSignedIn()) redirect('/dashboard');
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <p className="lead">Manage your store and its Instagram catalog.</p>
      <LoginForm />
    </main>
  );
}
