import type { NextConfig } from 'next';

// The dashboard talks to vendly-server on the same origin: /api/* is rewritten to the server
// (VENDLY_API_URL, default the demo's http://127.0.0.1:8080), so the session cookie just works.
const apiUrl = process.env.VENDLY_API_URL ?? 'http://127.0.0.1:8080';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiUrl}/api/:path*` }];
  },
};

export default config;
