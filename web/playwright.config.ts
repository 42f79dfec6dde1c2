import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { SANDBOX_APP } from './tests/e2e/support/sandbox-accounts';
import { E2E_ENV, type E2ERun } from './tests/e2e/support/run';

// End-to-end tests in Debian's Chromium (never a downloaded browser), against the real stack: the Meta
// sandbox (build/bin/meta-sandbox), vendly-server (build/bin/vendly-server) on a fresh PostgreSQL database
// of the private cluster scripts/test starts (VENDLY_PG_ADMIN_URL), and `next start` of the built
// dashboard. Screenshots of each screen go to test-results/screens/<screen>-<project>.png.
//   VENDLY_BIN_DIR   where the two binaries are (default ../build/bin)
//   CHROMIUM_PATH    the browser (default /usr/lib/chromium/chromium)
const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

// The config is evaluated again in each worker: the ports and the database are chosen once, in the
// runner, and handed to the workers through the environment they inherit.
function planRun(): E2ERun | null {
  if (process.env[E2E_ENV]) return JSON.parse(process.env[E2E_ENV]) as E2ERun;
  if (!process.env.VENDLY_PG_ADMIN_URL) return null;
  const [sandbox, server, web] = freePorts(3);
  const run: E2ERun = {
    sandboxUrl: `http://127.0.0.1:${sandbox}`,
    serverUrl: `http://127.0.0.1:${server}`,
    webUrl: `http://127.0.0.1:${web}`,
    database: `vendly_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
  };
  process.env[E2E_ENV] = JSON.stringify(run);
  return run;
}

function freePorts(n: number): number[] {
  const script = `const net=require('net');const ss=[];let left=${n};
for(let i=0;i<${n};i++){const s=net.createServer();ss.push(s);s.listen(0,'127.0.0.1',()=>{if(--left===0){console.log(ss.map(x=>x.address().port).join(' '));ss.forEach(x=>x.close());}});}`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
}

// The libpq conninfo (or URI) of the admin connection, pointed at another database.
function withDatabase(conninfo: string, database: string): string {
  if (/^postgres(ql)?:\/\//.test(conninfo)) {
    const u = new URL(conninfo);
    u.pathname = `/${database}`;
    return u.toString();
  }
  return /\bdbname=\S+/.test(conninfo) ? conninfo.replace(/\bdbname=\S+/, `dbname=${database}`) : `${conninfo} dbname=${database}`;
}

const run = planRun();
const binDir = process.env.VENDLY_BIN_DIR ? fileURLToPath(new URL(process.env.VENDLY_BIN_DIR, `file://${process.cwd()}/`)) : `${root}build/bin`;
const logDir = fileURLToPath(new URL('./test-results/servers/', import.meta.url));

function servers(r: E2ERun): PlaywrightTestConfig['webServer'] {
  for (const bin of ['meta-sandbox', 'vendly-server'])
    if (!existsSync(`${binDir}/${bin}`)) throw new Error(`${binDir}/${bin} is missing: run scripts/build (or set VENDLY_BIN_DIR).`);
  mkdirSync(logDir, { recursive: true });
  const port = (url: string) => new URL(url).port;
  return [
    {
      command: `exec "${binDir}/meta-sandbox" --port ${port(r.sandboxUrl)} --fixtures "${root}tools/meta-sandbox/fixtures" --quiet 2>"${logDir}meta-sandbox.log"`,
      url: `${r.sandboxUrl}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
    },
    {
      // A fresh database for this run (the server applies the migrations when it starts).
      command: `/usr/bin/psql "$VENDLY_PG_ADMIN_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE ${r.database}" && exec "${binDir}/vendly-server" 2>"${logDir}vendly-server.log"`,
      url: `${r.serverUrl}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        VENDLY_DATABASE_URL: withDatabase(process.env.VENDLY_PG_ADMIN_URL ?? '', r.database),
        VENDLY_PORT: port(r.serverUrl),
        VENDLY_BIND_ADDRESS: '127.0.0.1',
        VENDLY_PUBLIC_URL: r.webUrl, // the OAuth redirect_uri comes back through the dashboard's /api proxy
        VENDLY_DASHBOARD_URL: r.webUrl,
        VENDLY_DATA_DIR: `${logDir}data`, // holds the generated token key
        VENDLY_MIGRATIONS_DIR: `${root}migrations`,
        META_GRAPH_URL: r.sandboxUrl,
        META_LOGIN_URL: r.sandboxUrl,
        META_GRAPH_VERSION: 'v25.0',
        META_APP_ID: SANDBOX_APP.appId,
        META_APP_SECRET: SANDBOX_APP.appSecret,
        META_WEBHOOK_VERIFY_TOKEN: SANDBOX_APP.verifyToken,
        // Polls and the walk that finds edited captions run every few seconds (a manual refresh always
        // walks), so the conflicts test sees an edit promptly.
        VENDLY_POLL_MIN_SECONDS: '2',
        VENDLY_SYNC_WALK_SECONDS: '2',
        // The second opinion (issue 11) from the sandbox's fake OpenAI endpoint, for every post: the editor
        // shows each field's source (tests/e2e/second-opinion.spec.ts). The key is the fake's, not a secret.
        VENDLY_AI_MODE: 'all',
        VENDLY_AI_PROVIDER: 'openai',
        OPENAI_API_KEY: 'sandbox-key',
        OPENAI_BASE_URL: `${r.sandboxUrl}/v1`,
        OPENAI_MODEL: 'sandbox-gpt',
      },
    },
    {
      command: `npx next start -p ${port(r.webUrl)} -H 127.0.0.1`,
      url: `${r.webUrl}/try`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { NEXT_TELEMETRY_DISABLED: '1', VENDLY_API_URL: r.serverUrl },
    },
  ];
}

export default defineConfig({
  testDir: './tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results/artifacts',
  // Without the private PostgreSQL of scripts/test nothing is started and the run fails, saying so.
  globalSetup: run ? undefined : './tests/e2e/support/require-test-env.ts',
  use: {
    baseURL: run?.webUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
    { name: 'phone', use: { ...devices['Pixel 7'], defaultBrowserType: 'chromium' } },
  ],
  webServer: run ? servers(run) : [],
});
