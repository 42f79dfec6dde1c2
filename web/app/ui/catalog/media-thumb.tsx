// A product's picture from the media store, or a placeholder while its copy is still pending.
export function MediaThumb({ src, alt, size = 'card' }: { src: string | undefined; alt: string; size?: 'card' | 'preview' | 'row' }) {
  if (!src)
    return (
      <div className={`thumb thumb-${size} thumb-empty`} role="img" aria-label={`${alt}: no picture yet`}>
        <span aria-hidden="true">No picture yet</span>
      </div>
    );
  return <img className={`thumb thumb-${size}`} src={src} alt={alt} loading="lazy" decoding="async" />;
}
