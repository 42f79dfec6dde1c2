// What the seller reads when the Instagram connection did not complete: one entry per error code that
// vendly-server's OAuth callback sends back (?error=<code>, server/meta/instagram_oauth.cc).
export type ConnectError = { title: string; help: string };

const MESSAGES: Record<string, ConnectError> = {
  consent_declined: {
    title: 'Instagram access was not granted',
    help: 'You pressed Cancel in the Facebook dialog. Connect again and allow the requested permissions so we can import your posts.',
  },
  permission_missing: {
    title: 'A permission was not granted',
    help: 'The connection needs every requested permission. Connect again and leave all the permissions switched on.',
  },
  no_pages: {
    title: 'No Facebook Page was shared',
    help: 'Your Instagram professional account is reached through a Facebook Page. Connect again and select the Page linked to your Instagram account.',
  },
  no_instagram_account: {
    title: 'This Facebook Page has no Instagram account',
    help: 'Link your Instagram professional account to the Page (Instagram app: Settings › Account type and tools), then connect again.',
  },
  multiple_pages: {
    title: 'Several Pages with Instagram accounts were shared',
    help: 'One store connects one Instagram account. Connect again and select only the Page of this store.',
  },
  page_not_granted: {
    title: 'The chosen Page was not shared',
    help: 'The Facebook Page of this store was not selected in the dialog, or it has no Instagram account. Connect again and select it.',
  },
  account_in_use: {
    title: 'This Instagram account is connected to another store',
    help: 'Disconnect it from the other Vendly store first, or connect a different Instagram account.',
  },
  state_expired: {
    title: 'The sign-in took too long',
    help: 'For your safety a connection must be finished within 10 minutes. Connect again.',
  },
  state_used: {
    title: 'This sign-in link was already used',
    help: 'Each link works once (the page may have been reloaded or opened twice). Connect again.',
  },
  invalid_state: {
    title: 'This sign-in link is not valid',
    help: 'The link did not come from this dashboard or was damaged. Connect again from this page.',
  },
  state_mismatch: {
    title: 'This sign-in was started by another Vendly account',
    help: 'Sign in to the Vendly account that started the connection, or connect again from this account.',
  },
  code_invalid: {
    title: 'Facebook’s answer could not be used',
    help: 'The authorization expired or was already used. Connect again.',
  },
  invalid_request: {
    title: 'Facebook’s answer was incomplete',
    help: 'The sign-in came back without an authorization code. Connect again.',
  },
  oauth_error: {
    title: 'Facebook Login did not complete',
    help: 'Connect again. If it keeps failing, try again later.',
  },
  token_invalid: {
    title: 'Meta rejected the access',
    help: 'Connect again to give us fresh access.',
  },
  meta_rate_limited: {
    title: 'Meta is limiting requests right now',
    help: 'Nothing is wrong with your account. Wait a few minutes and connect again.',
  },
  meta_unavailable: {
    title: 'Meta could not be reached',
    help: 'Facebook or Instagram did not answer. Wait a moment and connect again.',
  },
  meta_error: {
    title: 'Meta refused the request',
    help: 'Connect again. If it keeps failing, check that your Instagram account is a professional (business or creator) account.',
  },
};

export function connectError(code: string): ConnectError {
  return MESSAGES[code] ?? { title: 'Instagram could not be connected', help: `Connect again. (Error code: ${code})` };
}

// When checking an existing connection fails for a reason other than the token (which marks it expired).
const CHECK_MESSAGES: Record<string, string> = {
  meta_unavailable: 'Meta could not be reached, so the connection was not checked. Try again in a moment.',
  meta_rate_limited: 'Meta is limiting requests right now, so the connection was not checked. Try again in a few minutes.',
  meta_error: 'Meta refused the check. Try again later; if it keeps failing, reconnect Instagram.',
  not_connected: 'No Instagram account is connected any more. Reload the page.',
};

export function checkErrorMessage(code: string, serverMessage: string): string {
  return CHECK_MESSAGES[code] ?? serverMessage;
}
