import type { Span } from '@core/vendly_catalog';
import { fieldByApi } from '@/app/lib/constants';
import { highlight } from '@/app/lib/evidence';

// Names of the fields as the seller reads them, for the highlights' legend and tooltips.
export function fieldLabel(field: string): string {
  return fieldByApi(field)?.title ?? field;
}

// The highlight's colour class: by the field's registry id, whatever its JSON spelling.
function markClass(field: string): string {
  return `ev-${fieldByApi(field)?.id ?? field}`;
}

// A caption with the words each field was read from highlighted (the core's evidence: UTF-8 byte spans),
// and a legend of the fields that have evidence.
export function EvidenceCaption({ caption, evidence, id }: { caption: string; evidence: Record<string, Span[]>; id?: string }) {
  const fields = Object.keys(evidence).filter((f) => (evidence[f]?.length ?? 0) > 0);
  return (
    <div className="evidence">
      <p className="caption" data-testid="evidence" id={id}>
        {highlight(caption, evidence).map((s, i) =>
          s.field ? (
            <mark key={i} title={fieldLabel(s.field)} data-field={s.field} className={markClass(s.field)}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
      {fields.length ? (
        <p className="legend small" aria-label="Highlighted fields">
          {fields.map((f) => (
            <mark key={f} className={markClass(f)}>
              {fieldLabel(f)}
            </mark>
          ))}
        </p>
      ) : null}
    </div>
  );
}
