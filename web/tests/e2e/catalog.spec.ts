import type { Locator, Page, TestInfo } from '@playwright/test';
import { connectInstagram, expect, SANDBOX_USERS, screenshot, test } from './support/fixtures';

// The catalog screens against the real server and the Meta sandbox: Wanjiru's 320-post fashion account
// is imported with a scan (6.2), its drafts are edited, approved, batch-approved and rejected (6.3), the
// products are listed, the sync history shows the scan, and the bell says the scan finished (6.4).

const { wanjiru } = SANDBOX_USERS;

test.describe.configure({ timeout: 120_000 });

// From Integrations: Scan for new products, the plan's options, Start scan; returns the number of drafts
// the review step reports.
async function importFromInstagram(page: Page, info: TestInfo, shoot = false): Promise<number> {
  await page.getByRole('link', { name: 'Scan for new products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import from Instagram' })).toBeVisible();
  await expect(page.getByLabel('Include carousel posts')).toBeChecked();
  await expect(page.getByLabel('Include video posts')).not.toBeChecked();
  await expect(page.getByLabel('Only posts from the last 6 months')).toBeChecked();
  await expect(page.getByLabel('Posts to scan')).toHaveValue('100');
  if (shoot) await screenshot(page, info, 'import');
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(page).toHaveURL(/\/dashboard\/import\?scan=\w+/);
  const review = page.getByRole('heading', { name: /^Review detected products \(\d+ found\)$/ });
  await expect(review).toBeVisible({ timeout: 60_000 });
  const found = Number(/\((\d+) found\)/.exec((await review.textContent()) ?? '')?.[1]);
  expect(found).toBeGreaterThan(0);
  await expect(page.getByTestId('scan-summary')).toContainText(/^Scanned \d+ posts: \d+ drafts/);
  return found;
}

// A pending card the core finds complete (it can be approved as it is).
function readyCards(page: Page): Locator {
  return page.getByTestId('draft-card').filter({ has: page.getByRole('checkbox') }).filter({ hasNot: page.getByTestId('draft-needs-fix') });
}

async function cardName(card: Locator): Promise<string> {
  return ((await card.getByRole('heading').textContent()) ?? '').trim();
}

test('import with a scan, edit a draft checked live by the WASM core, approve it, find it in the products; the bell says the scan finished', async ({
  page,
  seller,
  sandbox,
}, info) => {
  void seller;
  await connectInstagram(page, wanjiru.name);

  // The listing is slowed once, so the progress step is seen.
  await sandbox.post('/_sandbox/faults', { type: 'slow', delay_ms: 2500, endpoint: 'GET /{ig-user-id}/media', count: 1 });
  await page.getByRole('link', { name: 'Scan for new products' }).click();
  await page.getByRole('button', { name: 'Start scan' }).click();
  const progress = page.getByRole('progressbar', { name: 'Scan progress' });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('scan-progress')).toContainText('Scanning Instagram');
  await screenshot(page, info, 'import-progress');
  await sandbox.delete('/_sandbox/faults');

  const review = page.getByRole('heading', { name: /^Review detected products \(\d+ found\)$/ });
  await expect(review).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('checkbox', { name: /^Select all \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import selected (0)' })).toBeDisabled();
  const firstCard = page.getByTestId('draft-card').first();
  await expect(firstCard.getByTestId('price')).toHaveText(/^(KES \d{1,3}(,\d{3})*|Price on request)$/);
  await expect(firstCard.getByTestId('confidence')).toHaveText(/^\d{1,3}% confidence$/);
  await expect(firstCard.getByRole('link', { name: /^View post of / })).toHaveAttribute('href', /^https?:\/\//);
  // The pictures come from the media store (copied after the scan; the grid reads the scan again).
  await expect(firstCard.locator('img')).toHaveAttribute('src', /\/api\/media\/[0-9a-f]{64}\.\w+$/, { timeout: 30_000 });
  await expect.poll(() => firstCard.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await screenshot(page, info, 'import-review', { fullPage: false });

  // Edit a draft: every check runs in the browser, in the core compiled to WASM.
  const card = readyCards(page).first();
  const original = await cardName(card);
  await card.getByRole('button', { name: `Edit ${original}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit product details' });
  await expect(dialog).toBeVisible();
  const name = dialog.getByLabel('Product name');
  await expect(name).toHaveValue(original);
  await expect(dialog.getByTestId('editor-status')).toHaveText('Ready to approve.');
  await expect(dialog.getByTestId('evidence').locator('mark[data-field]').first()).toBeVisible();

  const calls: string[] = [];
  const track = (r: { method(): string; url(): string }) => {
    if (r.method() !== 'GET' || r.url().includes('/api/products')) calls.push(`${r.method()} ${r.url()}`);
  };
  page.on('request', track);
  await name.fill('');
  await expect(dialog.getByText('Give the product a name.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('editor-status')).toHaveText('Fix the highlighted field to approve.');
  await expect(dialog.getByRole('button', { name: 'Save & approve' })).toBeDisabled();
  const oldPrice = dialog.getByLabel('Old price (KES)');
  await dialog.getByLabel('Price (KES)', { exact: true }).fill('2.5k');
  await oldPrice.fill('100');
  await expect(dialog.getByText('The old price must be higher than the price, or leave it empty.')).toBeVisible();
  await dialog.getByLabel('Price (KES)', { exact: true }).fill('abc');
  await expect(dialog.getByText('Enter the amount as a number, like 2,500.')).toBeVisible();
  await screenshot(page, info, 'draft-edit-invalid', { fullPage: false });
  expect(calls, 'validation must not call the server').toEqual([]);

  // Re-extracting reads the caption again in the browser: the name comes back.
  await dialog.getByRole('button', { name: 'Re-extract from caption' }).click();
  await expect(name).toHaveValue(original);
  await expect(dialog.getByText('Give the product a name.')).toBeHidden();
  expect(calls, 're-extraction must not call the server').toEqual([]);
  page.off('request', track);

  const renamed = `Kitenge wrap dress ${info.project.name}`;
  await name.fill(renamed);
  await dialog.getByLabel('Price (KES)', { exact: true }).fill('2.5k');
  await oldPrice.fill('3,000');
  await dialog.getByLabel('Category').selectOption('Fashion & Apparel');
  await dialog.getByLabel('New tag').fill('#NairobiStyle');
  await dialog.getByLabel('New tag').press('Enter');
  const tags = dialog.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('button', { name: 'Remove tag nairobistyle' })).toBeVisible(); // normalised by the core
  const tagCount = await tags.getByRole('listitem').count();
  await tags.getByRole('button', { name: 'Remove tag nairobistyle' }).click();
  await expect(tags.getByRole('listitem')).toHaveCount(tagCount - 1);
  await dialog.getByLabel('New tag').fill('Kitenge');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('button', { name: 'Remove tag kitenge' })).toBeVisible();
  await dialog.getByLabel('New size').fill('xxl');
  await dialog.getByRole('button', { name: 'Add size' }).click();
  await expect(dialog.getByRole('list', { name: 'Sizes' }).getByRole('button', { name: 'Remove size XXL' })).toBeVisible();
  await expect(dialog.getByTestId('editor-status')).toHaveText('Ready to approve.');
  await screenshot(page, info, 'draft-edit', { fullPage: false });
  await dialog.getByRole('button', { name: 'Save & approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `“${renamed}” is now in your products.` })).toBeVisible();
  const approvedCard = page.getByTestId('draft-card').filter({ hasText: renamed });
  await expect(approvedCard.getByText('✓ Imported')).toBeVisible();

  // The catalog lists it, with the money as the seller reads it.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products (1)' })).toBeVisible();
  const row = page.getByTestId('product-row').filter({ hasText: renamed });
  await expect(row.getByTestId('price')).toHaveText('KES 2,500');
  await expect(row).toContainText('KES 3,000');
  await expect(row).toContainText('Sizes');
  await expect(row).toContainText('XXL');
  await expect(row.locator('img')).toHaveAttribute('src', /\/api\/media\/[0-9a-f]{64}\.\w+$/);
  await screenshot(page, info, 'products');
  await page.getByLabel('Search products').fill('kitenge');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=kitenge/);
  await expect(page.getByTestId('product-row')).toHaveCount(1);
  await page.getByLabel('Search products').fill('no such thing');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'No products match' })).toBeVisible();

  // The bell: the scan finished, one unread notification, Review now goes to the drafts.
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  const note = panel.getByTestId('notification').filter({ hasText: 'Instagram scan finished' });
  await expect(note).toContainText(/\d+ product drafts? ready to review from \d+ posts/);
  await screenshot(page, info, 'notifications', { fullPage: false });
  await note.getByRole('button', { name: 'Mark “Instagram scan finished” as read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
  await note.getByRole('link', { name: 'Review now' }).click();
  await expect(page).toHaveURL(/\/dashboard\/products\/drafts$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Pending drafts \(\d+\)$/ })).toBeVisible();
});

test('batch approve from the review grid, save a draft, reject one with a reason, approve one; filters and sync history', async ({
  page,
  seller,
}, info) => {
  void seller;
  await connectInstagram(page, wanjiru.name);
  const found = await importFromInstagram(page, info, true);

  // Batch: two ready drafts, chosen by their checkboxes.
  const ready = readyCards(page);
  const chosen = [await cardName(ready.nth(0)), await cardName(ready.nth(1))];
  for (const n of chosen) await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).first().check();
  await page.getByRole('button', { name: 'Import selected (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 products imported.' })).toBeVisible();
  for (const n of chosen) await expect(page.getByTestId('draft-card').filter({ hasText: n }).first().getByText('✓ Imported')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select all (${found - 2})` })).toBeVisible();
  await screenshot(page, info, 'import-imported', { fullPage: false });

  // The drafts screen: the rest wait there, with counts per filter.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Drafts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pending drafts (${found - 2})` })).toBeVisible();
  const filters = page.getByRole('navigation', { name: 'Filter drafts' });
  await expect(filters.getByRole('link', { name: `All ${found - 2}` })).toHaveAttribute('aria-current', 'page');
  const count = async (label: string) => Number(/(\d+)$/.exec(((await filters.getByRole('link', { name: label }).textContent()) ?? '').trim())?.[1]);
  expect((await count('High confidence')) + (await count('Low confidence'))).toBe(found - 2);
  await expect(page.getByTestId('draft-card').first()).toContainText(/Expires in (7|6) days/);
  await screenshot(page, info, 'drafts', { fullPage: false });

  // Save draft (PATCH): the change stays on the pending draft.
  const first = page.getByTestId('draft-card').first();
  const before = await cardName(first);
  const draftId = await first.getAttribute('data-draft-id');
  await first.getByRole('button', { name: `Edit ${before}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit product details' });
  await dialog.getByLabel('Product name').fill(`${before} (saved)`);
  await dialog.getByRole('button', { name: 'Save draft' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Changes to “${before} (saved)” saved.` })).toBeVisible();
  await expect(page.locator(`[data-draft-id="${draftId}"]`).getByRole('heading')).toHaveText(`${before} (saved)`);
  const saved = await (await page.request.get(`/api/products/drafts/${draftId}`)).json();
  expect(saved.draft.approvalStatus).toBe('pending');
  expect(saved.draft.sellerEdits).toEqual({ name: `${before} (saved)` });

  // Reject with a reason.
  const victim = page.locator(`[data-draft-id="${draftId}"]`);
  await victim.getByRole('button', { name: `Reject ${before} (saved)` }).click();
  const reject = page.getByRole('dialog', { name: `Reject “${before} (saved)”?` });
  await reject.getByRole('button', { name: 'Not a product' }).click();
  await expect(reject.getByLabel('Reason (optional)')).toHaveValue('Not a product');
  await screenshot(page, info, 'draft-reject', { fullPage: false });
  await reject.getByRole('button', { name: 'Reject draft' }).click();
  await expect(reject).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `“${before} (saved)” rejected.` })).toBeVisible();
  await expect(victim).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: `Pending drafts (${found - 3})` })).toBeVisible();
  const rejected = await (await page.request.get(`/api/products/drafts/${draftId}`)).json();
  expect(rejected.draft.approvalStatus).toBe('rejected');
  expect(rejected.draft.rejectionReason).toBe('Not a product');

  // Approve one from its card.
  const next = readyCards(page).first();
  const approvedName = await cardName(next);
  await next.getByRole('button', { name: `Approve ${approvedName}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is now in your products.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Pending drafts (${found - 4})` })).toBeVisible();

  // Filters.
  await filters.getByRole('link', { name: /^High confidence/ }).click();
  await expect(page).toHaveURL(/filter=high/);
  await expect(filters.getByRole('link', { name: /^High confidence/ })).toHaveAttribute('aria-current', 'page');
  await filters.getByRole('link', { name: /^Expiring/ }).click();
  await expect(page.getByRole('heading', { name: 'No drafts expire in the next 48 hours.' })).toBeVisible();

  // Three products in the catalog; the scan in the sync history.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products (3)' })).toBeVisible();
  for (const n of [...chosen, approvedName]) await expect(page.getByTestId('product-row').filter({ hasText: n }).first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'History' }).click();
  const rowOf = page.getByTestId('sync-row');
  await expect(rowOf).toHaveCount(1);
  await expect(rowOf.getByRole('link', { name: 'Import' })).toBeVisible();
  await expect(rowOf).toContainText('Done');
  await expect(rowOf.locator('td[data-label="Drafts"]')).toHaveText(String(found));
  await expect(rowOf.locator('td[data-label="API calls"]')).toHaveText(/^[1-9]\d*$/);
  await screenshot(page, info, 'sync-history');

  // The overview says what is waiting.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('pending-drafts')).toHaveText(`${found - 4} drafts are waiting for your review.`);
  await page.getByRole('link', { name: 'Review drafts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pending drafts (${found - 4})` })).toBeVisible();
});

test('with auto-approve on, the scan publishes the confident drafts and leaves the rest for review', async ({ page, seller }, info) => {
  void seller;
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Publish confident drafts without my review').check();
  await page.getByLabel('Confidence threshold (%)').fill('92');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await connectInstagram(page, wanjiru.name);
  const found = await importFromInstagram(page, info);

  const summary = (await page.getByTestId('scan-summary').textContent()) ?? '';
  const published = Number(/(\d+) of them published automatically/.exec(summary)?.[1]);
  expect(published).toBeGreaterThan(0);
  expect(published).toBeLessThan(found);
  await expect(page.getByTestId('draft-card').filter({ hasText: '✓ Imported' })).toHaveCount(published);
  await expect(page.getByRole('checkbox', { name: `Select all (${found - published})` })).toBeVisible();
  await screenshot(page, info, 'import-auto-approved', { fullPage: false });

  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Products (${published})` })).toBeVisible();
  await nav.getByRole('link', { name: 'Drafts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pending drafts (${found - published})` })).toBeVisible();
  // What was published is at least as confident as the threshold; what waits is below it.
  const pending = await (await page.request.get('/api/products/drafts?status=pending&limit=100')).json();
  for (const d of pending.drafts as { confidence: number; errors: unknown[] }[]) expect(d.confidence < 0.92 || d.errors.length > 0).toBe(true);
});

test('before anything is imported, each screen says what to do next', async ({ page, seller }, info) => {
  void seller;
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Connect Instagram first' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Connect Instagram' })).toHaveAttribute('href', '/dashboard/settings/integrations');
  await screenshot(page, info, 'import-not-connected');
  await nav.getByRole('link', { name: 'Drafts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pending drafts (0)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No drafts waiting for you' })).toBeVisible();
  await screenshot(page, info, 'drafts-empty');
  await nav.getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { name: 'Your catalog is empty' })).toBeVisible();
  await screenshot(page, info, 'products-empty');
  await nav.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing synced yet' })).toBeVisible();
  await screenshot(page, info, 'sync-history-empty');
  const bell = page.getByRole('button', { name: 'Notifications' });
  await expect(bell).toHaveAccessibleName('Notifications');
  await bell.click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Nothing new.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Notifications' })).toBeHidden();
  await expect(bell).toBeFocused();
});
