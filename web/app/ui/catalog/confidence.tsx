// How sure the extractor is of a draft, as a percentage and a small meter.
export function Confidence({ value }: { value: number }) {
  const percent = Math.round(value * 100);
  return (
    <span className="confidence" data-testid="confidence">
      <meter min={0} max={100} value={percent} aria-hidden="true" />
      {percent}% confidence
    </span>
  );
}
