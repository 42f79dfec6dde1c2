// Placeholders shown while a dashboard page loads (loading.tsx).
export function CardSkeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <section className="card skeleton" aria-busy="true" aria-label={label}>
      <div className="skeleton-line skeleton-title" />
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" />
      ))}
      <span className="sr-only">{label}</span>
    </section>
  );
}

// A grid of card placeholders, for the drafts and products screens.
export function GridSkeleton({ label, cards = 6 }: { label: string; cards?: number }) {
  return (
    <section aria-busy="true" aria-label={label}>
      <div className="skeleton-line skeleton-title" />
      <div className="grid-skeleton">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="card skeleton">
            <div className="skeleton-block" />
            <div className="skeleton-line" />
            <div className="skeleton-line" />
          </div>
        ))}
      </div>
      <span className="sr-only">{label}</span>
    </section>
  );
}
