// Events between client components that do not share a parent: a scan that just finished tells the
// notification bell in the header to look again rather than wait for its next poll.
export const NOTIFICATIONS_STALE = 'vendly:notifications-stale';
// A conflict was resolved (or a poll may have found some): the navigation's open count reads again.
export const CONFLICTS_STALE = 'vendly:conflicts-stale';
