import { highlight } from "../lib/highlight";

/** Text with the query's terms in <mark> (React text nodes: nothing from the server becomes HTML). */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-primary/15 px-0.5 font-medium text-foreground">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
