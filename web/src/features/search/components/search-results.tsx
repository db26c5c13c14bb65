import { Link } from "@tanstack/react-router";
import { Badge } from "@/components/ui/badge";
import type { components } from "@/lib/api";
import { t } from "@/lib/i18n";
import { shardPath, shardTitle } from "@/lib/shard-title";
import { excerptAround } from "../lib/highlight";
import { HighlightedText } from "./highlighted-text";

export type SearchHit = components["schemas"]["SearchHit"];

/** The passage to show for a hit: the server's highlight, else the shard's text, else its fields. */
export function passageOf(hit: SearchHit, query: string): string {
  const highlight = hit.highlights?.find((text) => text.trim() !== "");
  if (highlight) return excerptAround(highlight, query);
  const unstructured = hit.shard?.unstructuredData as { text?: unknown } | undefined;
  if (typeof unstructured?.text === "string" && unstructured.text.trim() !== "") return excerptAround(unstructured.text, query);
  const data = hit.shard?.structuredData;
  if (data && typeof data === "object") {
    return excerptAround(
      Object.values(data as Record<string, unknown>)
        .filter((value) => typeof value === "string" || typeof value === "number")
        .join(" · "),
      query,
    );
  }
  return "";
}

/** Hits as a list of links to the shards, titles and passages with the query's terms marked. */
export function SearchResults({ hits, query }: { hits: SearchHit[]; query: string }) {
  return (
    <ol className="grid gap-3" aria-label={t("search.results.label", { count: hits.length })}>
      {hits.map((hit) => {
        const shard = hit.shard!;
        const passage = passageOf(hit, query);
        return (
          <li key={shard.id} className="rounded-lg border border-border bg-card p-4">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                to={shardPath(shard.id!)}
                className="text-base font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <HighlightedText text={shardTitle(shard)} query={query} />
              </Link>
              <Badge variant="outline">{shard.shardType}</Badge>
            </div>
            {passage && (
              <p className="mt-2 text-sm text-muted-foreground">
                <HighlightedText text={passage} query={query} />
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
