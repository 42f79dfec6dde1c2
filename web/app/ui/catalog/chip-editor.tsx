'use client';
import { useId, useState } from 'react';

// A list of short values (tags, sizes, colours) as chips: each with a remove button, and a box to add
// one (Enter or comma adds). The owner normalises what is added (through the core) and may refuse it.
export function ChipEditor({
  legend,
  noun,
  values,
  onAdd,
  onRemove,
  error,
  placeholder,
}: {
  legend: string;
  noun: string; // "tag": "Add tag", "Remove tag denim"
  values: readonly string[];
  onAdd: (raw: string) => void;
  onRemove: (index: number) => void;
  error?: string;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const errorId = useId();
  const add = () => {
    const v = draft.trim().replace(/,$/, '').trim();
    if (!v) return;
    onAdd(v);
    setDraft('');
  };
  return (
    <fieldset className="chip-editor">
      <legend>{legend}</legend>
      {values.length ? (
        <ul className="chips" aria-label={legend}>
          {values.map((v, i) => (
            <li className="chip" key={`${v}-${i}`}>
              {v}
              <button type="button" className="chip-remove" aria-label={`Remove ${noun} ${v}`} onClick={() => onRemove(i)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">None yet.</p>
      )}
      <div className="chip-add">
        <label htmlFor={inputId} className="sr-only">
          New {noun}
        </label>
        <input
          id={inputId}
          value={draft}
          placeholder={placeholder}
          onChange={(e) => {
            const v = e.target.value;
            if (v.endsWith(',')) {
              setDraft(v);
              const t = v.slice(0, -1).trim();
              if (t) {
                onAdd(t);
                setDraft('');
              }
            } else setDraft(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="button" className="secondary small-button" onClick={add} aria-label={`Add ${noun}`}>
          + Add
        </button>
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
