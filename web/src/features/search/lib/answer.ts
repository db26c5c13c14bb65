/** A piece of an answer: text, or a reference to one of its citations (numbered from 1 in order of first use). */
export type AnswerPart = { text: string } | { citation: number; shardId: string };

const REFERENCE = /\s?\[([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/gi;

/**
 * The answer's text with its `[shardId]` references (the server writes them where a sentence comes
 * from) turned into numbered citations. `citationIds` orders the numbers as the citation list does;
 * a reference to a shard that is not cited stays out (the server keeps only cited ones anyway).
 */
export function answerParts(answer: string, citationIds: string[]): AnswerPart[] {
  const numbers = new Map(citationIds.map((id, index) => [id.toLowerCase(), index + 1]));
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const found of answer.matchAll(REFERENCE)) {
    const start = found.index;
    if (start > last) parts.push({ text: answer.slice(last, start) });
    const id = found[1]!.toLowerCase();
    const number = numbers.get(id);
    if (number !== undefined) parts.push({ citation: number, shardId: id });
    last = start + found[0].length;
  }
  if (last < answer.length) parts.push({ text: answer.slice(last) });
  return parts;
}
