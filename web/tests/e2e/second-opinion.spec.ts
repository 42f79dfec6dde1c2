import { connectInstagram, expect, SANDBOX_USERS, sameOrigin, screenshot, setSecondOpinion, test } from './support/fixtures';

// The second opinion in the editor (issue 11) against the real server and the sandbox's fake OpenAI
// endpoint (the e2e server runs with VENDLY_AI_MODE=all, playwright.config.ts): with the fake answering a
// wrong price for every post, a scan's drafts hold their disputed prices for the seller, each such card
// and its editor show both readings, the seller picks one with one click, and the approved product
// carries the reading chosen.

const { wanjiru } = SANDBOX_USERS;

test.describe.configure({ timeout: 120_000 });

type Opinion = { source: string; disputed: boolean; engine: unknown; model: unknown };
type ApiDraft = {
  id: string;
  current: { name: string; price: number | null; currency: string };
  confidence: number;
  approvalStatus: string;
  secondOpinion: { provider: string; model: string; fields: Record<string, Opinion> } | null;
};

test('a price the caption and the AI model dispute waits for the seller, who sees both readings and picks one', async ({
  page,
  seller,
  sandbox,
}, info) => {
  void seller;
  await sandbox.post('/_sandbox/ai/mode', { mode: 'wrong_prices' });
  try {
    await connectInstagram(page, wanjiru.name);
    // Auto-approve on at the default line: a disputed price must still wait.
    const me = (await (await page.request.get('/api/me')).json()) as { store: { id: string } };
    const settings = await page.request.patch(`/api/stores/${me.store.id}`, {
      ...sameOrigin(),
      data: { autoApprove: true, autoApproveThreshold: 0.9 },
    });
    expect(settings.status(), await settings.text()).toBe(200);
    await setSecondOpinion(page, true);
    await page.getByRole('link', { name: 'Scan for new products' }).click();
    await page.getByRole('button', { name: 'Start scan' }).click();
    await expect(page.getByRole('heading', { name: /^Review detected products \(\d+ found\)$/ })).toBeVisible({ timeout: 60_000 });
  } finally {
    await sandbox.post('/_sandbox/ai/mode', { mode: 'right' });
  }

  // The server's drafts: every one the model read a price for is disputed, none of those approved.
  const res = await page.request.get('/api/products/drafts?status=all&limit=100');
  expect(res.status(), await res.text()).toBe(200);
  const drafts = ((await res.json()) as { drafts: ApiDraft[] }).drafts;
  const disputed = drafts.filter((d) => d.secondOpinion?.fields.price?.disputed);
  expect(disputed.length, 'drafts with a disputed price').toBeGreaterThan(0);
  for (const d of disputed) {
    expect(d.approvalStatus, `${d.current.name} was approved with its price disputed`).toBe('pending');
    expect(d.confidence).toBeLessThan(0.9);
    const price = d.secondOpinion!.fields.price!;
    expect(price.engine).toBe(d.current.price);
    expect(typeof price.model).toBe('number');
    expect(price.model).not.toBe(price.engine);
  }

  // Its card in the review grid says so, with both readings, and sends the seller to the editor.
  const target = disputed[0]!;
  const price = target.secondOpinion!.fields.price!;
  const money = (v: unknown) => `KES ${(v as number).toLocaleString('en-US')}`;
  const card = page.locator(`[data-testid="draft-card"][data-draft-id="${target.id}"]`);
  await expect(card.getByTestId('draft-price-disputed')).toHaveText(
    `Choose the price: the caption says ${money(price.engine)}, the AI model ${money(price.model)}.`,
  );
  await expect(card.getByRole('checkbox'), 'a disputed price is not batch-approved').toHaveCount(0);
  await card.getByRole('button', { name: /^Edit / }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit product details' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('second-opinion')).toContainText(`OpenAI ${target.secondOpinion!.model}`);

  // Each field says where its value came from; the price is marked as the seller's choice.
  for (const [field, opinion] of Object.entries(target.secondOpinion!.fields)) {
    const want = opinion.disputed ? 'disputed' : opinion.source;
    await expect(dialog.getByTestId(`source-${field}`), field).toHaveAttribute('data-source', want);
  }
  await expect(dialog.getByTestId('source-price')).toHaveText('Caption and AI disagree');
  await expect(dialog.getByTestId('choose-price')).toHaveText(
    'Needs your choice: the caption and the AI model disagree on the price. Pick one, or type the right one.',
  );
  await expect(dialog.getByTestId('editor-status')).toHaveText('Choose the price to approve: the caption and the AI model disagree.');
  const approve = dialog.getByRole('button', { name: 'Save & approve' });
  await expect(approve).toBeDisabled();
  const priceBox = dialog.getByLabel('Price (KES)', { exact: true });
  await expect(priceBox).toHaveValue(String(price.engine));
  const engineReading = dialog.getByTestId('reading-price-engine');
  const modelReading = dialog.getByTestId('reading-price-model');
  await expect(engineReading).toContainText(`The caption reader: ${money(price.engine)}`);
  await expect(modelReading).toContainText(`The AI model (OpenAI ${target.secondOpinion!.model}): ${money(price.model)}`);
  await screenshot(page, info, 'draft-edit-second-opinion', { fullPage: false });

  // One click takes the model's reading, one more the caption's; then it may be approved.
  await modelReading.getByRole('button', { name: `Use ${money(price.model)} for the price (AI model)` }).click();
  await expect(priceBox).toHaveValue(String(price.model));
  await expect(modelReading.getByText('In use')).toBeVisible();
  await expect(dialog.getByTestId('choose-price')).toBeHidden();
  await engineReading.getByRole('button', { name: `Use ${money(price.engine)} for the price (caption reader)` }).click();
  await expect(priceBox).toHaveValue(String(price.engine));
  await expect(engineReading.getByText('In use')).toBeVisible();
  await expect(dialog.getByTestId('editor-status')).toHaveText('Ready to approve.');
  await approve.click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText('✓ Imported')).toBeVisible();

  const product = await page.request.get('/api/products?limit=100');
  const rows = ((await product.json()) as { products: { name: string; price: number | null }[] }).products;
  expect(rows.find((p) => p.name === target.current.name)?.price).toBe(price.engine);
});
