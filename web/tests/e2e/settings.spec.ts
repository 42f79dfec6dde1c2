import { expect, screenshot, test } from './support/fixtures';

// Store settings: currency, auto-approve and its threshold, saved on vendly-server.

test('store settings are checked, saved, and still there after a reload', async ({ page, seller }, info) => {
  void seller;
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const currency = page.getByLabel('Currency');
  const autoApprove = page.getByLabel('Publish confident drafts without my review');
  const threshold = page.getByLabel('Confidence threshold (%)');
  await expect(currency).toHaveValue('KES');
  await expect(autoApprove).not.toBeChecked();
  await expect(threshold).toHaveValue('90');

  // A threshold out of range: the message is next to the field, and what was typed stays.
  await currency.selectOption('TZS');
  await expect(page.getByTestId('money-preview')).toHaveText('TZS 2,500');
  await autoApprove.check();
  await threshold.fill('150');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter a whole number from 0 to 100.')).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await expect(threshold).toHaveValue('150');
  await expect(currency).toHaveValue('TZS');
  await expect(autoApprove).toBeChecked();
  await screenshot(page, info, 'settings-invalid');

  await threshold.fill('80');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(currency).toHaveValue('TZS');
  await expect(autoApprove).toBeChecked();
  await expect(threshold).toHaveValue('80');
  await screenshot(page, info, 'settings');

  await page.reload();
  await expect(currency).toHaveValue('TZS');
  await expect(autoApprove).toBeChecked();
  await expect(threshold).toHaveValue('80');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByText('On, for drafts at least 80% confident')).toBeVisible();
  await expect(page.getByText('TZS 2,500')).toBeVisible();
});
