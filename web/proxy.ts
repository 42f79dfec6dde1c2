import { NextResponse, type NextRequest } from 'next/server';
import { apiBaseUrl } from '@/app/lib/api-url';
import { dashboardSecurityHeaders, pagePolicy } from '@/app/lib/security-headers';

// Every request but Next's static files passes here.
// /api/* goes to vendly-server on the same origin, so the server's HttpOnly session cookie and the OAuth
// callback (VENDLY_PUBLIC_URL = the dashboard's URL) just work; the server's answer carries its own security
// headers. This is a proxy and not a next.config rewrite because rewrites are frozen into the build:
// VENDLY_API_URL is read when the request arrives.
// Pages get a fresh nonce per request: Next.js reads it from the request's Content-Security-Policy and puts
// it on the inline scripts it renders (the root layout reads headers(), so every page renders per request).
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) {
    const target = new URL(request.nextUrl.pathname + request.nextUrl.search, apiBaseUrl());
    return NextResponse.rewrite(target);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = pagePolicy(nonce, process.env.NODE_ENV === 'development');
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('Content-Security-Policy', policy);
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  for (const [name, value] of dashboardSecurityHeaders(https)) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ['/api/:path*', '/((?!_next/static|_next/image|favicon.ico).*)'] };
