import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getMeIfSignedIn } from '@/app/lib/data';
import { SignupForm } from '@/app/ui/auth/signup-form';

export const metadata: Metadata = { title: 'Create your store — Vendly' };

export default async function SignupPage() {
  if (await getMeIfSignedIn()) redirect('/dashboard');
  return (
    <main className="narrow">
      <h1>Create your store</h1>
      <p className="lead">Your Instagram posts become a catalog. Start with your store’s name and currency.</p>
      <SignupForm />
    </main>
  );
}
