// Where this run's servers listen: chosen once by playwright.config.ts and passed to the workers in
// the environment variable E2E_ENV.
export const E2E_ENV = 'VENDLY_E2E_RUN';

export type E2ERun = { sandboxUrl: string; serverUrl: string; webUrl: string; database: string };

export function currentRun(): E2ERun {
  const raw = process.env[E2E_ENV];
  if (!raw) throw new Error(`${E2E_ENV} is not set: run the suite through playwright.config.ts (scripts/test).`);
  return JSON.parse(raw) as E2ERun;
}
