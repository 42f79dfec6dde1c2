// Shared steps of the dashboard's end-to-end tests: a new seller per test, the Meta sandbox's login
// dialog, its control API, and screenshots of each screen.
import { expect, test as base, type Page, type TestInfo } from '@playwright/test';
import { currentRun } from './run';

// Demo users of tools/meta-sandbox/fixtures (tools/meta-sandbox/README.md), generated from the fixtures:
// wanjiru and brian have an Instagram account, kevin a Page without one, grace no Page, amina two Pages.
export { SANDBOX_APP, SANDBOX_USERS } from './sandbox-accounts';

// What a browser sends with a request made by the dashboard's own pages: vendly-server serves a change
// signed in by the session cookie only from the dashboard's origin (server/API.md, "Browser requests"),
// and Playwright's API requests carry no Origin of their own.
export function sameOrigin(): { headers: Record<string, string> } {
  return { headers: { Origin: currentRun().webUrl } };
}

export type Seller = { email: string; password: string; storeName: string };

let counter = 0;
export function newSeller(info: TestInfo, storeName = 'Mama Njeri Boutique'): Seller {
  counter += 1;
  const tag = `${info.project.name}-${info.workerIndex}-${counter}-${Date.now().toString(36)}`;
  return { email: `seller-${tag}@example.com`, password: 'correct-horse-42', storeName };
}

export async function signUp(page: Page, seller: Seller, currency = 'KES'): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(seller.email);
  await page.getByLabel('Password').fill(seller.password);
  await page.getByLabel('Store name').fill(seller.storeName);
  await page.getByLabel('Currency').selectOption(currency);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('store-name')).toHaveText(seller.storeName);
}

// The whole page, or only what is on screen (a modal dialog covers only the viewport).
export async function screenshot(page: Page, info: TestInfo, screen: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${screen}-${info.project.name}.png`, fullPage });
}

// In the sandbox's Facebook dialog: log in as a demo user, then Continue or Cancel.
export async function answerLoginDialog(page: Page, userName: string, decision: 'Continue' | 'Cancel'): Promise<void> {
  await expect(page).toHaveTitle('Log in with Facebook');
  await page.getByLabel(new RegExp(`^\\s*${userName}`)).check();
  await page.getByRole('button', { name: decision, exact: true }).click();
}

export async function openIntegrations(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
}

// Connects a demo account through the integrations page and the sandbox's Facebook dialog.
export async function connectInstagram(page: Page, userName: string): Promise<void> {
  await openIntegrations(page);
  await page.getByRole('button', { name: 'Connect Instagram account' }).click();
  await answerLoginDialog(page, userName, 'Continue');
  await expect(page).toHaveURL(/\?connected=1$/);
}

// The store's switch for the AI second opinion (PATCH /api/stores/:id {"aiSecondOpinion"}).
export async function setSecondOpinion(page: Page, on: boolean): Promise<void> {
  const me = (await (await page.request.get('/api/me')).json()) as { store: { id: string } };
  const res = await page.request.patch(`/api/stores/${me.store.id}`, { ...sameOrigin(), data: { aiSecondOpinion: on } });
  expect(res.status(), await res.text()).toBe(200);
}

type Fixtures = {
  seller: Seller;
  sandbox: { post: (path: string, body: unknown) => Promise<unknown>; delete: (path: string) => Promise<void> };
};

// `seller`: a new seller, signed up through the API (the sign-up form has its own tests) in this page's
// browser context, on the dashboard. Afterwards its Instagram connection
// is removed, so the same demo account can be connected by the next test's store.
export const test = base.extend<Fixtures>({
  seller: async ({ page }, use, info) => {
    const seller = newSeller(info);
    const res = await page.request.post('/api/auth/signup', { data: { ...seller, currency: 'KES' } });
    expect(res.status(), await res.text()).toBe(201);
    // The e2e server asks the sandbox's fake model about every post (playwright.config.ts); a store has
    // the second opinion only where its test turns it on (tests/e2e/second-opinion.spec.ts).
    await setSecondOpinion(page, false);
    await page.goto('/dashboard');
    await expect(page.getByTestId('store-name')).toHaveText(seller.storeName);
    await use(seller);
    const removed = await page.request.delete('/api/instagram/connection', sameOrigin());
    expect([200, 204, 404], await removed.text()).toContain(removed.status());
  },
  sandbox: async ({ playwright }, use) => {
    const ctx = await playwright.request.newContext({ baseURL: currentRun().sandboxUrl });
    await use({
      post: async (path, body) => {
        const res = await ctx.post(path, { data: body });
        expect(res.ok(), `sandbox ${path}: ${res.status()}`).toBeTruthy();
        return res.json();
      },
      delete: async (path) => {
        const res = await ctx.delete(path);
        expect(res.ok(), `sandbox ${path}: ${res.status()}`).toBeTruthy();
      },
    });
    await ctx.dispose();
  },
});

export { expect };
