// Events between client components that do not share a parent: a scan that just finished tells the
// notification bell in the header to look again rather than wait for its next poll.
export const NOTIFICATIONS_STALE = 'vendly:notifications-stale';
