// The dashboard's security headers (issue 20 item 3), the same as vendly-server's API answers carry
// (shared/include/vendly/request_policy.h ApiSecurityHeaders), plus the pages' Content-Security-Policy.
// proxy.ts sets them on every page; next.config.ts sets the fixed ones on Next's static files.

// No sniffing of content types, no framing by any page, no referrer sent across origins.
export function dashboardSecurityHeaders(https: boolean): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
  ];
  if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  return headers;
}

// A page's policy: its own scripts, inline scripts only with this request's nonce (Next.js puts it on the
// ones it renders), the WASM core compiled in the page ('wasm-unsafe-eval', never 'unsafe-eval'), styles
// from its own stylesheets, pictures from its own /api/media, nothing in a frame, no plugins.
// `development`: `next dev` evaluates code for its refresh, which needs 'unsafe-eval' (never in a build).
export function pagePolicy(nonce: string, development = false): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'wasm-unsafe-eval'", ...(development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
