// Where vendly-server listens, read at request time (never frozen into the build). One place for it:
// proxy.ts forwards the browser's /api/* there, and app/lib/api.ts calls it from the Next server.
export function apiBaseUrl(): string {
  return process.env.VENDLY_API_URL ?? 'http://127.0.0.1:8080';
}
