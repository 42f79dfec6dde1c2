import { NextResponse, type NextRequest } from 'next/server';
import { apiBaseUrl } from '@/app/lib/api-url';

// /api/* goes to vendly-server on the same origin, so the server's HttpOnly session cookie and the OAuth
// callback (VENDLY_PUBLIC_URL = the dashboard's URL) just work. This is a proxy and not a next.config
// rewrite because rewrites are frozen into the build: VENDLY_API_URL is read when the request arrives.
export function proxy(request: NextRequest) {
  const target = new URL(request.nextUrl.pathname + request.nextUrl.search, apiBaseUrl());
  return NextResponse.rewrite(target);
}

export const config = { matcher: '/api/:path*' };
