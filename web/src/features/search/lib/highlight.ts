/** A piece of text, marked when it matches the query. */
export type Segment = { text: string; match: boolean };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

/** The words of a query worth marking: two characters or more, each once, longest first (so "datab" never hides "database"). */
export function queryTerms(query: string): string[] {
  const words = (query.match(WORD) ?? []).map((word) => word.toLowerCase()).filter((word) => word.length >= 2);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` cut into segments where the query's terms occur (case-insensitive, at the start of a word,
 * so "ship" marks "shipping" but not "relationship"). The server's highlights are plain passages
 * (no markup), so the marking is done here; nothing is rendered as HTML.
 */
export function highlight(text: string, query: string): Segment[] {
  const terms = queryTerms(query);
  if (terms.length === 0 || text === "") {
    return text === "" ? [] : [{ text, match: false }];
  }
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join("|")})`, "giu");
  const segments: Segment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    segments.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

/** Around the first match, at most `length` characters, with ellipses where cut. */
export function excerptAround(text: string, query: string, length = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const lower = flat.toLowerCase();
  const first = queryTerms(query)
    .map((term) => lower.indexOf(term))
    .filter((index) => index >= 0)
    .sort((a, b) => a - b)[0];
  const start = first === undefined ? 0 : Math.max(0, first - Math.floor(length / 3));
  const end = Math.min(flat.length, start + length);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}
