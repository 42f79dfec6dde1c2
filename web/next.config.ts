import type { NextConfig } from 'next';

// The dashboard talks to vendly-server on the same origin: proxy.ts forwards /api/* to VENDLY_API_URL
// (default the demo's http://127.0.0.1:8080), read at request time, so one build serves any server.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;
