import { expect, newSeller, screenshot, signUp, test } from './support/fixtures';

// Sign up, sign out, sign in: the session is vendly-server's HttpOnly cookie.

test('an unauthenticated visit to the dashboard goes to the sign-in page', async ({ page }) => {
  for (const path of ['/dashboard', '/dashboard/settings', '/dashboard/settings/integrations']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // A session the server no longer knows is no session.
  await page.context().addCookies([{ name: 'vendly_session', value: 'ended-or-forged', url: page.url() }]);
  await page.goto('/dashboard/settings');
  await expect(page).toHaveURL(/\/login$/);
});

test('sign up opens the dashboard of the new store', async ({ page }, info) => {
  const seller = newSeller(info, 'Duka la Amani');
  await page.goto('/signup');
  // The form's own checks, next to the fields.
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByText('Enter the name of your store.')).toBeVisible();
  await screenshot(page, info, 'signup');

  await signUp(page, seller, 'UGX');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Duka la Amani');
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link')).toHaveText([
    'Overview',
    'Import',
    'Drafts',
    'Products',
    'Conflicts',
    'History',
    'Integrations',
    'Settings',
    'Extractor',
  ]);
  await expect(page.getByText('UGX 2,500')).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'vendly_session');
  expect(cookie?.httpOnly).toBe(true);
  await screenshot(page, info, 'dashboard');

  // The same email again: the server's answer, next to the field.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/signup');
  await page.getByLabel('Email').fill(seller.email);
  await page.getByLabel('Password').fill(seller.password);
  await page.getByLabel('Store name').fill('Another shop');
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByText('An account with this email already exists. Sign in instead.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(seller.email);
});

test('sign out, then sign in again', async ({ page }, info) => {
  const seller = newSeller(info, 'Kamau Electronics');
  await signUp(page, seller);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).find((c) => c.name === 'vendly_session')).toBeUndefined();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel('Email').fill(seller.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await screenshot(page, info, 'login');

  await page.getByLabel('Password').fill(seller.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('store-name')).toHaveText('Kamau Electronics');
});
