import { expect, test } from '@playwright/test';

// The extractor playground runs the C++ core compiled to WASM in the page: typing a caption re-extracts
// it live, and the evidence of each field is highlighted in the caption.
test('a caption typed in the browser is extracted by the WASM core', async ({ page }, info) => {
  await page.goto('/try');
  const caption = page.getByRole('textbox', { name: 'Caption' });
  await expect(page.getByTestId('draft').first()).toBeVisible();

  await caption.fill('Ladies block heels 👠\nSize 36-41\nWas Ksh 3,000 now Ksh 2,500\nAvailable in black, beige\nCall 0799 888 777');
  const draft = page.getByTestId('draft').first();
  await expect(draft.getByTestId('price')).toHaveText('KES 2,500');
  await expect(draft).toContainText('KES 3,000');
  await expect(draft).toContainText('Fashion & Apparel');
  await expect(draft).toContainText('36');
  await expect(draft).toContainText('beige');
  // The price's evidence is the "2,500" of the caption, not the phone number.
  await expect(page.locator('mark[data-field="price"]')).toContainText('2,500');
  await page.screenshot({ path: `test-results/screens/try-${info.project.name}.png`, fullPage: true });

  await page.getByRole('combobox', { name: 'Store currency' }).selectOption('UGX');
  await caption.fill('Happy new week fam 🙏🏾 thank you for the love!');
  await expect(page.getByTestId('not-product')).toBeVisible();
});
