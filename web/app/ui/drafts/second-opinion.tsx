'use client';
// The second opinion in the edit modal (issue 11): beside each field, where its value came from (the
// caption reader, the AI model, or both agreeing), and, where the two read it differently, both
// readings with a one-click "Use this one". The merge that decided all this is the core's
// (vendly/second_opinion.h); nothing here judges a value.
import { fieldByApi, type ApiDraftJson, type ScoredField } from '@/app/lib/constants';
import type { FieldOpinion, OpinionSource, SecondOpinion } from '@/app/lib/definitions';
import { formatMoney } from '@/app/lib/money';

export const PROVIDER_NAMES: Record<SecondOpinion['provider'], string> = { openai: 'OpenAI', gemini: 'Gemini' };

const SOURCE_TEXT: Record<OpinionSource, { text: string; tone: string }> = {
  engine: { text: 'Read from the caption', tone: 'muted' },
  model: { text: 'From the AI model only', tone: 'warn' },
  both: { text: 'Caption and AI agree', tone: 'ok' },
};

export type Reading = 'engine' | 'model';

// The registry id of a field (the second opinion's key): oldPrice for compareAtPrice.
export function fieldId(field: ScoredField): string {
  return fieldByApi(field)?.id ?? field;
}

// The opinion of one field (by its API key), when a model was asked.
export function opinionOf<F extends ScoredField>(opinion: SecondOpinion | null | undefined, field: F): FieldOpinion<F> | undefined {
  const fields = opinion?.fields as Record<string, FieldOpinion | undefined> | undefined;
  return fields?.[fieldId(field)] as FieldOpinion<F> | undefined;
}

// A value as the seller reads it: money with its currency, lists joined, nothing as "none".
export function readingText(field: ScoredField, value: ApiDraftJson[ScoredField] | null, currency: string): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return 'none';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return formatMoney(value, currency);
  return field === 'currency' ? value : `“${value}”`;
}

// The badge beside a field's label.
export function SourceBadge({ field, opinion }: { field: ScoredField; opinion: FieldOpinion | undefined }) {
  if (!opinion) return null;
  const { text, tone } = opinion.disputed ? { text: 'Caption and AI disagree', tone: 'err' } : SOURCE_TEXT[opinion.source];
  return (
    <span className={`badge badge-${tone} source-badge`} data-testid={`source-${fieldId(field)}`} data-source={opinion.disputed ? 'disputed' : opinion.source}>
      {text}
    </span>
  );
}

// Both readings of a disputed field, each with "Use this one"; `chosen` is the reading the form holds
// (none once the seller typed something else).
export function Readings({
  field,
  title,
  opinion,
  modelName,
  currency,
  chosen,
  onUse,
}: {
  field: ScoredField;
  title: string;
  opinion: FieldOpinion | undefined;
  modelName: string;
  currency: string;
  chosen: Reading | null;
  onUse: (reading: Reading, value: ApiDraftJson[ScoredField] | null) => void;
}) {
  if (!opinion?.disputed) return null;
  const readings: { reading: Reading; who: string; value: ApiDraftJson[ScoredField] | null }[] = [
    { reading: 'engine', who: 'The caption reader', value: opinion.engine },
    { reading: 'model', who: `The AI model (${modelName})`, value: opinion.model },
  ];
  return (
    <div className="readings" role="group" aria-label={`${title}: two readings`} data-testid={`readings-${fieldId(field)}`}>
      {readings.map((r) => (
        <div key={r.reading} className={`reading${chosen === r.reading ? ' chosen' : ''}`} data-testid={`reading-${fieldId(field)}-${r.reading}`}>
          <span className="small">
            {r.who}: <strong>{readingText(field, r.value, currency)}</strong>
          </span>
          {chosen === r.reading ? (
            <span className="badge badge-ok">In use</span>
          ) : (
            <button
              type="button"
              className="secondary small-button"
              aria-label={`Use ${readingText(field, r.value, currency)} for the ${title.toLowerCase()} (${r.reading === 'engine' ? 'caption reader' : 'AI model'})`}
              onClick={() => onUse(r.reading, r.value)}
            >
              Use this one
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

// A reading as the edit form holds it (formOf's spelling: amounts as text, lists as chips).
export function formValueOf(value: ApiDraftJson[ScoredField] | null): string | string[] {
  if (Array.isArray(value)) return [...value];
  return value === null || value === undefined ? '' : String(value);
}

// Which reading the form's value is, if either.
export function readingInForm(form: string | string[], opinion: FieldOpinion): Reading | null {
  const same = (v: ApiDraftJson[ScoredField] | null) => {
    const x = formValueOf(v);
    return Array.isArray(x) && Array.isArray(form) ? x.length === form.length && x.every((e, i) => e === form[i]) : x === form;
  };
  return same(opinion.engine) ? 'engine' : same(opinion.model) ? 'model' : null;
}

// A field's source and, when disputed, its two readings: shown under the field's input.
export function FieldOpinionLine({
  field,
  title,
  opinion,
  modelName,
  currency,
  form,
  mustChoose,
  onUse,
}: {
  field: ScoredField;
  title: string;
  opinion: FieldOpinion | undefined;
  modelName: string;
  currency: string;
  form: string | string[];
  mustChoose: boolean;
  onUse: (value: string | string[]) => void;
}) {
  if (!opinion) return null;
  return (
    <div className={`field-opinion${mustChoose ? ' must-choose' : ''}`} data-testid={`opinion-${fieldId(field)}`}>
      <SourceBadge field={field} opinion={opinion} />
      {mustChoose ? (
        <p className="field-warn small" data-testid={`choose-${fieldId(field)}`}>
          Needs your choice: the caption and the AI model disagree on the {title.toLowerCase()}. Pick one, or type the right one.
        </p>
      ) : null}
      <Readings
        field={field}
        title={title}
        opinion={opinion}
        modelName={modelName}
        currency={currency}
        chosen={readingInForm(form, opinion)}
        onUse={(_, value) => onUse(formValueOf(value))}
      />
    </div>
  );
}
