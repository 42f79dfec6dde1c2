// The edit modal's form: what the seller types, and the seller edits it amounts to. Only the fields that
// differ from the draft as it stands are sent, so a field the seller never touched keeps following the
// Instagram caption. Every rule about the values (required, lengths, prices, categories, normalisation)
// is the core's (applyEdits / validateDraft in wasm.ts); nothing here judges a value. The fields are the
// registry's (constants.ts): a field added in the core is in the form's state with no edit here.
import { FIELDS, type AmountField, type ApiDraftJson, type ApiEdits, type ListField } from '@/app/lib/constants';

export type { ListField } from '@/app/lib/constants';

// Text as typed; amounts as typed (read by the core's price parser); lists as chips.
export type DraftForm = { [F in Exclude<keyof ApiDraftJson, ListField>]: string } & { [F in ListField]: string[] };

export function formOf(d: ApiDraftJson): DraftForm {
  const form: Record<string, string | string[]> = {};
  for (const f of FIELDS) {
    const v = d[f.api];
    form[f.api] = Array.isArray(v) ? [...v] : v === null ? '' : String(v);
  }
  return form as DraftForm;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// The amounts as numbers: null for an empty box, undefined when what was typed is not an amount.
export type Amounts = Record<AmountField, number | null | undefined>;

export const AMOUNT_FIELDS = FIELDS.filter((f) => f.kind === 'amount').map((f) => f.api as AmountField);

// The edits that turn `base` into what the form shows. An amount that could not be read is left out
// (the form reports it next to its box).
export function editsOf(form: DraftForm, base: ApiDraftJson, amounts: Amounts): ApiEdits {
  const edits: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const key = f.api;
    if (f.kind === 'amount') {
      const amount = amounts[key as AmountField];
      if (amount !== undefined && amount !== base[key]) edits[key] = amount;
    } else if (f.kind === 'list') {
      const list = form[key as ListField];
      if (!sameList(list, base[key as ListField])) edits[key] = list;
    } else if (form[key as keyof DraftForm] !== base[key]) {
      edits[key] = form[key as keyof DraftForm];
    }
  }
  return edits as ApiEdits;
}

export function hasEdits(edits: ApiEdits): boolean {
  return Object.keys(edits).length > 0;
}
