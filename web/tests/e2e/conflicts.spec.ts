import { connectInstagram, expect, openIntegrations, SANDBOX_USERS, sameOrigin, screenshot, test } from './support/fixtures';

// US-5 against the real server and the Meta sandbox: two of Wanjiru's drafts are renamed by the seller
// and approved, then both captions are edited on Instagram so the core reads other names. "Check for
// new posts now" polls (a manual refresh walks the recent posts), the core's three-way merge finds the
// name changed on both sides, and the conflicts screen shows each side by side: one is resolved with
// Instagram's value, the other with a value typed by the seller and checked by the WASM core.

const { wanjiru } = SANDBOX_USERS;

test.describe.configure({ timeout: 150_000 });

type DraftInfo = { id: string; igMediaId: string; caption: string; extractedData: { name: string; evidence: Record<string, [number, number][]> } };

// The caption with the words the core read the name from replaced (evidence spans are UTF-8 bytes).
function captionWithName(d: DraftInfo, name: string): string {
  const spans = d.extractedData.evidence.name ?? [];
  expect(spans.length, `the core found no evidence of the name in ${d.igMediaId}`).toBeGreaterThan(0);
  const [start, end] = spans[0]!;
  const bytes = Buffer.from(d.caption, 'utf8');
  return Buffer.concat([bytes.subarray(0, start), Buffer.from(name, 'utf8'), bytes.subarray(end)]).toString('utf8');
}

test('a caption edited on Instagram where the seller renamed the product: the conflict side by side, resolved with Instagram’s value and with a typed one', async ({
  page,
  seller,
  sandbox,
}, info) => {
  void seller;
  await connectInstagram(page, wanjiru.name);
  await page.getByRole('link', { name: 'Scan for new products' }).click();
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(page.getByRole('heading', { name: /^Review detected products \(\d+ found\)$/ })).toBeVisible({ timeout: 60_000 });

  // Two complete drafts whose name the core found in the caption, renamed by the seller and approved
  // (the edit modal has its own tests in catalog.spec.ts).
  const pending = (await (await page.request.get('/api/products/drafts?status=pending&limit=100')).json()).drafts as (DraftInfo & { errors: unknown[] })[];
  const drafts = pending.filter((d) => d.errors.length === 0 && (d.extractedData.evidence.name ?? []).length > 0).slice(0, 2);
  expect(drafts).toHaveLength(2);
  const renamed = ['Ankara', 'Kitenge'].map((w) => `My ${w} piece ${info.project.name}`);
  for (const [k, d] of drafts.entries()) {
    const res = await page.request.post(`/api/products/drafts/${d.id}/approve`, { data: { name: renamed[k] }, ...sameOrigin() });
    expect(res.status(), await res.text()).toBe(200);
  }

  // On Instagram, both captions now name other products.
  // (Each project's names differ: the sandbox keeps the captions the previous project wrote.)
  const fromInstagram = info.project.name === 'phone' ? ['Satin Midi Skirt', 'Denim Dungaree Dress'] : ['Velvet Evening Gown', 'Linen Palazzo Trousers'];
  for (const [k, d] of drafts.entries()) await sandbox.post(`/_sandbox/media/${d.igMediaId}`, { caption: captionWithName(d, fromInstagram[k]!) });

  // Integrations: last synced, products imported, and a poll now.
  await openIntegrations(page);
  const card = page.getByTestId('instagram-connection');
  await expect(card.getByTestId('products-imported')).toContainText('2');
  await expect(card.getByTestId('last-synced')).not.toHaveText('Not yet');
  await card.getByRole('button', { name: 'Check for new posts now' }).click();
  await expect(card.getByRole('status')).toHaveText('Checking Instagram for new and edited posts. New products will appear in your drafts.');
  await screenshot(page, info, 'integrations-synced');

  // The poll finds the edits; the bell tells the seller and leads to the conflicts.
  await expect
    .poll(async () => (await (await page.request.get('/api/sync/conflicts')).json()).total as number, { timeout: 45_000 })
    .toBe(2);
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await bell.click();
  const note = page.getByRole('region', { name: 'Notifications' }).getByTestId('notification').filter({ hasText: 'Instagram edit needs your choice' });
  await expect(note).toHaveCount(2);
  await expect(note.filter({ hasText: renamed[0]! })).toContainText('(name)');
  await note.first().getByRole('link', { name: 'Resolve' }).click();
  await expect(page).toHaveURL(/\/dashboard\/products\/conflicts$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sync conflicts (2)' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Conflicts, 2 open' })).toBeVisible();

  // Side by side: what Instagram says, what the store has, what it was.
  const conflicts = (await (await page.request.get('/api/sync/conflicts')).json()).conflicts as { productName: string; instagramValue: string; baseValue: string }[];
  for (const [k, mine] of renamed.entries()) {
    const c = conflicts.find((x) => x.productName === mine)!;
    expect(c.instagramValue).toContain(fromInstagram[k]!.split(' ')[0]!);
    const article = page.getByRole('article', { name: `${mine} · Product name` });
    await expect(article.getByTestId('conflict-instagram')).toHaveText(c.instagramValue);
    await expect(article.getByTestId('conflict-store')).toHaveText(mine);
    await expect(article.getByTestId('conflict-base')).toHaveText(c.baseValue);
  }
  await screenshot(page, info, 'conflicts');

  // The first: Instagram's value.
  const first = page.getByRole('article', { name: `${renamed[0]} · Product name` });
  const theirs = (await first.getByTestId('conflict-instagram').textContent()) ?? '';
  await first.getByRole('button', { name: 'Keep Instagram’s' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The product is now called “${theirs}”.` })).toBeVisible();
  await expect(first).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Conflicts, 1 open' })).toBeVisible();

  // The second: a value typed by the seller, checked by the core as it is typed, without the server.
  const second = page.getByRole('article', { name: `${renamed[1]} · Product name` });
  await second.getByRole('button', { name: 'Type a different value' }).click();
  const box = second.getByLabel('New product name');
  await expect(box).toHaveValue(renamed[1]!);
  const calls: string[] = [];
  const track = (r: { method(): string; url(): string }) => {
    if (r.method() !== 'GET') calls.push(`${r.method()} ${r.url()}`);
  };
  page.on('request', track);
  await box.fill('');
  await expect(second.getByText('Give the product a name.')).toBeVisible();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(second.getByRole('button', { name: 'Use this value' })).toBeDisabled();
  await screenshot(page, info, 'conflicts-typed-invalid', { fullPage: false });
  expect(calls, 'validation must not call the server').toEqual([]);
  page.off('request', track);
  const typed = `Linen trousers (wide) ${info.project.name}`;
  await box.fill(typed);
  await expect(second.getByText('Give the product a name.')).toBeHidden();
  await second.getByRole('button', { name: 'Use this value' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The product is now called “${typed}”.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All conflicts resolved' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Conflicts', exact: true })).toBeVisible();
  await screenshot(page, info, 'conflicts-resolved');

  // The products carry the chosen values; the screen is empty after a reload.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Products', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products (2)' })).toBeVisible();
  await expect(page.getByTestId('product-row').filter({ hasText: theirs })).toHaveCount(1);
  await expect(page.getByTestId('product-row').filter({ hasText: typed })).toHaveCount(1);
  await expect(page.getByTestId('product-row').filter({ hasText: renamed[0]! })).toHaveCount(0);
  await page.goto('/dashboard/products/conflicts');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync conflicts (0)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No conflicts to resolve' })).toBeVisible();
  await screenshot(page, info, 'conflicts-empty');
});
