// Runs only when VENDLY_PG_ADMIN_URL is missing: the suite needs the private PostgreSQL that scripts/test
// starts, so nothing was started and the run stops here with the way to run it.
export default function requireTestEnv(): void {
  throw new Error(
    'VENDLY_PG_ADMIN_URL is not set, so no database, server or sandbox was started.\n' +
      'Run the end-to-end suite with scripts/test (it starts a private PostgreSQL), or by hand:\n' +
      '  source scripts/lib.sh; pg_start /tmp/web-pg $(free_port)   # exports VENDLY_PG_ADMIN_URL\n' +
      '  cd web && npx next build && npx playwright test',
  );
}
