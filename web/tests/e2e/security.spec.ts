import type { Page, Response } from '@playwright/test';
import { connectInstagram, expect, SANDBOX_USERS, sameOrigin, test } from './support/fixtures';

// Issue 20 items 2 and 3 in the browser: every page carries the security headers and a nonce-based CSP
// (the WASM core allowed by 'wasm-unsafe-eval', no inline script without the page's nonce), and no CSP
// violation is reported while the extractor playground (WASM) and the drafts screen (edit modal checked by
// the WASM core, approve through the dashboard's server action) are used. The API answers carry their own
// headers, and a cookie-signed change from another origin is refused.

const { wanjiru } = SANDBOX_USERS;

test.describe.configure({ timeout: 120_000 });

// Every CSP violation the page reports, from the DOM event and from the console.
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval|EvalError/i.test(e.message)) seen.push(`error: ${e.message}`);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused by Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

// The page's headers, and its policy parsed into directives.
function expectPageHeaders(res: Response | null): Map<string, string[]> {
  expect(res, 'the page answered').not.toBeNull();
  const h = res!.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['strict-transport-security'], 'no HSTS over http').toBeUndefined();
  const csp = h['content-security-policy'] ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!, d.slice(1)] as [string, string[]]),
  );
  const script = directives.get('script-src') ?? [];
  expect(script).toContain("'self'");
  expect(script).toContain("'wasm-unsafe-eval'");
  expect(script.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s)), csp).toBe(true);
  expect(script, 'no eval, no inline script without the nonce').not.toContain("'unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(directives.get('style-src') ?? []).not.toContain("'unsafe-inline'");
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  return directives;
}

// The nonce of a policy's script-src.
function nonceOf(directives: Map<string, string[]>): string | undefined {
  return /^'nonce-(.+)'$/.exec((directives.get('script-src') ?? []).find((s) => s.startsWith("'nonce-")) ?? '')?.[1];
}

// The page fetched again: a new nonce, and every inline script of its HTML carries it.
async function expectInlineScriptsNonced(page: Page, first: Map<string, string[]>): Promise<void> {
  const again = await page.request.get(page.url());
  const directives = new Map(
    (again.headers()['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!, d.slice(1)] as [string, string[]]),
  );
  const nonce = nonceOf(directives);
  expect(nonce).toBeTruthy();
  expect(nonce, 'a fresh nonce per request').not.toBe(nonceOf(first));
  const html = await again.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? '');
  expect(inline.length, 'Next.js renders inline scripts').toBeGreaterThan(0);
  for (const attrs of inline) expect(/nonce="([^"]+)"/.exec(attrs)?.[1], `inline script <script${attrs}>`).toBe(nonce);
}

test('the playground runs the WASM core under the CSP, with no violation reported', async ({ page }) => {
  const violations = watchViolations(page);
  const res = await page.goto('/try');
  const directives = expectPageHeaders(res);
  const caption = page.getByRole('textbox', { name: 'Caption' });
  await caption.fill('Ladies block heels\nWas Ksh 3,000 now Ksh 2,500\nAvailable in black, beige');
  await expect(page.getByTestId('draft').first().getByTestId('price')).toHaveText('KES 2,500');
  await expectInlineScriptsNonced(page, directives);
  // Next's static files carry the fixed headers too.
  const script = await page.locator('script[src*="/_next/static/"]').first().getAttribute('src');
  const asset = await page.request.get(script!);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(violations).toEqual([]);
});

test('the drafts screen works under the CSP; the API refuses a cookie-signed change from another origin', async ({ page, seller }) => {
  void seller;
  const violations = watchViolations(page);
  await connectInstagram(page, wanjiru.name);
  await page.getByRole('link', { name: 'Scan for new products' }).click();
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(page.getByRole('heading', { name: /^Review detected products \(\d+ found\)$/ })).toBeVisible({ timeout: 60_000 });

  const res = await page.goto('/dashboard/products/drafts');
  expectPageHeaders(res);
  await expect(page.getByRole('heading', { level: 1, name: /^Pending drafts \(\d+\)$/ })).toBeVisible();
  // The edit modal: every keystroke checked by the WASM core.
  const card = page.getByTestId('draft-card').filter({ has: page.getByRole('checkbox') }).filter({ hasNot: page.getByTestId('draft-needs-fix') }).first();
  const name = ((await card.getByRole('heading').textContent()) ?? '').trim();
  await card.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit product details' });
  await dialog.getByLabel('Product name').fill('');
  await expect(dialog.getByText('Give the product a name.')).toBeVisible();
  await dialog.getByLabel('Product name').fill(name);
  await expect(dialog.getByTestId('editor-status')).toHaveText('Ready to approve.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Approve: a server action, which calls the API with the browser's Origin (app/lib/api.ts).
  const draftId = await card.getAttribute('data-draft-id');
  await card.getByRole('button', { name: `Approve ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is now in your products.' })).toBeVisible();
  expect((await (await page.request.get(`/api/products/drafts/${draftId}`)).json()).draft.approvalStatus).toBe('approved');

  // The API's own headers, through the dashboard's /api proxy.
  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(200);
  expect(me.headers()['x-content-type-options']).toBe('nosniff');
  expect(me.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");

  // The probe: another origin posts text/plain with the seller's cookie. Refused, nothing changed.
  const other = page.getByTestId('draft-card').first();
  const otherId = await other.getAttribute('data-draft-id');
  const forged = await page.request.post(`/api/products/drafts/${otherId}/reject`, {
    headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
    data: '{"reason":"forged"}',
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('cross_site_request');
  const same = await page.request.post(`/api/products/drafts/${otherId}/reject`, { ...sameOrigin(), headers: { ...sameOrigin().headers, 'Content-Type': 'text/plain' }, data: '{}' });
  expect((await same.json()).error.code).toBe('json_required');
  expect((await (await page.request.get(`/api/products/drafts/${otherId}`)).json()).draft.approvalStatus).toBe('pending');
  expect(violations).toEqual([]);
});
