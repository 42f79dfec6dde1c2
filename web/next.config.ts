import type { NextConfig } from 'next';
import { dashboardSecurityHeaders } from './app/lib/security-headers';

// The dashboard talks to vendly-server on the same origin: proxy.ts forwards /api/* to VENDLY_API_URL
// (default the demo's http://127.0.0.1:8080), read at request time, so one build serves any server.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pages get their headers and CSP from proxy.ts (a nonce per request); Next's static files, which the proxy
  // skips, get the fixed ones here.
  async headers() {
    return [{ source: '/_next/static/:path*', headers: dashboardSecurityHeaders(false).map(([key, value]) => ({ key, value })) }];
  },
};

export default config;
