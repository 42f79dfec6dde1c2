// Evidence spans from the core are byte offsets into the caption's UTF-8; JavaScript strings count UTF-16
// units. These helpers cut the caption at byte offsets so highlights land on the right characters.
import type { Span } from '@core/vendly_catalog';

export interface Segment {
  text: string;
  field: string | null; // the field this piece is evidence of, or null for plain text
}

/** Splits `caption` into plain and highlighted segments; overlapping spans keep the first field given. */
export function highlight(caption: string, spansByField: Record<string, Span[]>): Segment[] {
  const bytes = new TextEncoder().encode(caption);
  const owner: (string | null)[] = new Array(bytes.length).fill(null);
  for (const [field, spans] of Object.entries(spansByField)) {
    for (const [begin, end] of spans) {
      for (let i = Math.max(0, begin); i < Math.min(end, bytes.length); i++) owner[i] ??= field;
    }
  }
  const decoder = new TextDecoder();
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= bytes.length; i++) {
    // Only cut between UTF-8 characters (a continuation byte is 0b10xxxxxx).
    const boundary = i === bytes.length || ((bytes[i] ?? 0) & 0xc0) !== 0x80;
    if (!boundary) continue;
    if (i === bytes.length || owner[i] !== owner[start]) {
      out.push({ text: decoder.decode(bytes.subarray(start, i)), field: owner[start] ?? null });
      start = i;
    }
  }
  return out;
}
