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
