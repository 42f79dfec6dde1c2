import type { Page } from '@playwright/test';
import { answerLoginDialog, expect, openIntegrations, SANDBOX_USERS, screenshot, test } from './support/fixtures';

// The plan's 6.1 through the Meta sandbox's Facebook dialog: vendly-server's callback comes back to the
// integrations page with ?connected=1 or ?error=<code>.

const { wanjiru, brian, kevin, grace, amina } = SANDBOX_USERS;

async function connectAs(page: Page, userName: string, decision: 'Continue' | 'Cancel', button = 'Connect Instagram account') {
  await page.getByRole('button', { name: button }).click();
  await answerLoginDialog(page, userName, decision);
  await expect(page).toHaveURL(/\/dashboard\/settings\/integrations\?/);
}

test('connect the Instagram account through the Facebook dialog, then disconnect it', async ({ page, seller }, info) => {
  void seller;
  await openIntegrations(page);
  await expect(page.getByText('Not connected')).toBeVisible();
  await screenshot(page, info, 'integrations');

  const callback = page.waitForRequest((r) => r.url().includes('/api/instagram/auth/callback?'));
  await connectAs(page, wanjiru.name, 'Continue');
  const callbackUrl = (await callback).url();
  await expect(page).toHaveURL(/\?connected=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Instagram connected' })).toBeVisible();
  const card = page.getByTestId('instagram-connection');
  await expect(card.getByTestId('ig-username')).toHaveText(`@${wanjiru.username}`);
  await expect(card.getByTestId('connection-status')).toHaveText('✓ Active');
  await expect(card).toContainText(wanjiru.igId);
  await expect(card).toContainText(wanjiru.pageName);
  await expect(card).toContainText('just now');
  await expect(card).toContainText('Subscribed to comments and mentions');
  await screenshot(page, info, 'integrations-connected');

  // Meta's answer replayed (reload, back button): the single-use state refuses it, the connection stays.
  await page.goto(callbackUrl);
  await expect(page).toHaveURL(/\?error=state_used$/);
  await expect(page.getByTestId('connect-error')).toContainText('This sign-in link was already used');
  await expect(card.getByTestId('ig-username')).toHaveText(`@${wanjiru.username}`);

  // The overview says so too.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByText(`Connected as @${wanjiru.username}`)).toBeVisible();
  await openIntegrations(page);

  // Disconnect asks first; keeping the connection changes nothing.
  await page.getByRole('button', { name: 'Disconnect account' }).click();
  await expect(page.getByText(`Disconnect @${wanjiru.username}?`)).toBeVisible();
  await screenshot(page, info, 'integrations-disconnect-confirm');
  await page.getByRole('button', { name: 'Keep connected' }).click();
  await expect(card.getByTestId('ig-username')).toBeVisible();
  await page.getByRole('button', { name: 'Disconnect account' }).click();
  await page.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(page).toHaveURL(/\?disconnected=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Instagram disconnected' })).toContainText(
    'Our access was removed on Facebook too.',
  );
  await expect(page.getByRole('button', { name: 'Connect Instagram account' })).toBeVisible();
  const res = await page.request.get('/api/instagram/connection');
  expect(await res.json()).toEqual({ connected: false, connection: null });
});

test('Cancel in the Facebook dialog says access was not granted', async ({ page, seller }, info) => {
  void seller;
  await openIntegrations(page);
  await connectAs(page, wanjiru.name, 'Cancel');
  await expect(page).toHaveURL(/\?error=consent_declined$/);
  const error = page.getByTestId('connect-error');
  await expect(error).toContainText('Instagram access was not granted');
  await expect(error).toContainText('allow the requested permissions');
  await expect(page.getByRole('button', { name: 'Connect Instagram account' })).toBeVisible();
  await screenshot(page, info, 'integrations-declined');
});

test('a Page without an Instagram account, or no Page at all, is explained', async ({ page, seller }, info) => {
  void seller;
  await openIntegrations(page);
  await connectAs(page, kevin.name, 'Continue');
  await expect(page).toHaveURL(/\?error=no_instagram_account$/);
  await expect(page.getByTestId('connect-error')).toContainText('This Facebook Page has no Instagram account');
  await expect(page.getByTestId('connect-error')).toContainText('Link your Instagram professional account to the Page');
  await screenshot(page, info, 'integrations-no-instagram');

  await connectAs(page, grace.name, 'Continue');
  await expect(page).toHaveURL(/\?error=no_pages$/);
  await expect(page.getByTestId('connect-error')).toContainText('No Facebook Page was shared');

  await connectAs(page, amina.name, 'Continue');
  await expect(page).toHaveURL(/\?error=multiple_pages$/);
  await expect(page.getByTestId('connect-error')).toContainText('Several Pages with Instagram accounts were shared');
  await expect(page.getByText('Not connected')).toBeVisible();

  // A callback that this dashboard never started.
  await page.goto('/api/instagram/auth/callback?code=forged&state=forged');
  await expect(page).toHaveURL(/\?error=invalid_state$/);
  await expect(page.getByTestId('connect-error')).toContainText('This sign-in link is not valid');
});

test('an expired token shows Reconnect, and reconnecting works', async ({ page, seller, sandbox }, info) => {
  void seller;
  await openIntegrations(page);
  await connectAs(page, brian.name, 'Continue');
  await expect(page.getByTestId('connection-status')).toHaveText('✓ Active');

  // Meta down (the server retries, then gives up): the check says so, and the connection stays active.
  await sandbox.post('/_sandbox/faults', { type: 'error', status: 503 });
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByText('Meta could not be reached, so the connection was not checked.')).toBeVisible();
  await screenshot(page, info, 'integrations-check-failed');
  await sandbox.delete('/_sandbox/faults');
  await expect(page.getByTestId('connection-status')).toHaveText('✓ Active');

  // The seller changes their Facebook password: Meta answers 190/460 and the next check marks the connection
  // expired, with the advice for that subcode (vendly::TokenInvalidAdvice).
  await sandbox.post('/_sandbox/tokens/invalidate', { user_id: brian.id, subcode: 460 });
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('! Expired');
  const expired = page.getByRole('alert').filter({ hasText: 'Reconnect Instagram' });
  await expect(expired).toContainText('Your Facebook password was changed, which ends our access.');
  await expect(expired).toContainText('not updated until you reconnect');
  await screenshot(page, info, 'integrations-expired');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('link', { name: 'Reconnect Instagram' })).toBeVisible();
  await screenshot(page, info, 'dashboard-expired');
  await page.getByRole('link', { name: 'Reconnect Instagram' }).click();

  await connectAs(page, brian.name, 'Continue', 'Reconnect Instagram');
  await expect(page).toHaveURL(/\?connected=1$/);
  await expect(page.getByTestId('connection-status')).toHaveText('✓ Active');
  await expect(page.getByTestId('ig-username')).toHaveText(`@${brian.username}`);
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(page.getByTestId('connection-status')).toHaveText('✓ Active');
});
