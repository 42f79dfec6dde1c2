import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: 'Vendly — Instagram Auto-Catalog',
  description: 'Turn your Instagram posts into a store catalog.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page renders per request (connection()), never prerendered at build time: the CSP's nonce is new for
// each request (proxy.ts), and Next.js can only put it on inline scripts it renders then.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
