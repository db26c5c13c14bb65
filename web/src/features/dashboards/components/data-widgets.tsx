import { useDeferredValue, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { api, call } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useRecentShards, useWidgetQuery } from "../api/analytics-api";
import type { DashboardWidget, Shard } from "../api/types";
import { columnLabel, formatGroup, LOCALE } from "../lib/format";
import { formatMeasure, labelOf, shapeOf } from "../lib/result";
import { WidgetEmpty, WidgetError, WidgetLoading } from "./widget-parts";

/** Every column of a query's answer, groups and measures formatted as the other widgets do. */
export function TableWidget({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const result = useWidgetQuery(scope, widget);
  // The first rows are built in a deferred render, which yields to the browser (as the charts do).
  const deferred = useDeferredValue(result.data);
  if (!widget.query) return <WidgetEmpty />;
  if (result.isPending || (deferred === undefined && !result.isError)) return <WidgetLoading />;
  if (result.isError) return <WidgetError error={result.error} onRetry={() => void result.refetch()} />;
  const shape = shapeOf(widget.query, result.data);
  const rows = result.data.rows ?? [];
  if (rows.length === 0) return <WidgetEmpty />;
  const shown = [...shape.groups, ...shape.currencies];
  return (
    <div className="grid gap-2">
      <Table>
        {widget.title && <caption className="sr-only">{widget.title}</caption>}
        <TableHeader>
          <TableRow>
            {shown.map((index) => (
              <TableHead key={index}>{columnLabel(shape.columns[index]?.name)}</TableHead>
            ))}
            {shape.measures.map((measure) => (
              <TableHead key={measure.index} className="text-right">
                {columnLabel(shape.columns[measure.index]?.name)}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, rowIndex) => (
            <TableRow key={rowIndex}>
              {shown.map((index) => (
                <TableCell key={index}>{formatGroup(row[index], shape.columns[index])}</TableCell>
              ))}
              {shape.measures.map((measure) => (
                <TableCell key={measure.index} className="text-right tabular-nums">
                  {formatMeasure(shape, row, measure, widget.options?.format)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {result.data.truncated && <p className="text-xs text-muted-foreground">{t("dashboards.widget.truncated")}</p>}
    </div>
  );
}

/** A ranked list: each group's label and its first measure. */
export function ListWidget({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const result = useWidgetQuery(scope, widget);
  if (!widget.query) return <WidgetEmpty />;
  if (result.isPending) return <WidgetLoading />;
  if (result.isError) return <WidgetError error={result.error} onRetry={() => void result.refetch()} />;
  const shape = shapeOf(widget.query, result.data);
  const measure = shape.measures[0];
  const rows = (result.data.rows ?? []).slice(0, widget.options?.limit ?? 50);
  if (rows.length === 0 || !measure) return <WidgetEmpty />;
  return (
    <ol className="grid gap-1 text-sm">
      {rows.map((row, index) => (
        <li key={index} className="flex items-baseline justify-between gap-3 border-b border-border py-1 last:border-0">
          <span className="truncate">{labelOf(shape, row) || shape.columns[measure.index]?.name}</span>
          <span className="shrink-0 font-medium tabular-nums">{formatMeasure(shape, row, measure, widget.options?.format)}</span>
        </li>
      ))}
    </ol>
  );
}

function shardName(shard: Shard): string {
  const data = (shard.structuredData ?? {}) as Record<string, unknown>;
  const name = data.name ?? data.title ?? data.subject ?? data.email;
  return typeof name === "string" && name !== "" ? name : shard.id ?? "";
}

/** The newest changes to shards: which one, whether it was created or updated, and when. */
export function ActivityWidget({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const shards = useRecentShards(scope, widget);
  if (shards.isPending) return <WidgetLoading />;
  if (shards.isError) return <WidgetError error={shards.error} onRetry={() => void shards.refetch()} />;
  if (shards.data.length === 0) return <WidgetEmpty>{t("dashboards.activity.empty")}</WidgetEmpty>;
  return (
    <ul className="grid gap-2 text-sm">
      {shards.data.map((shard) => {
        const created = (shard.revision ?? 1) <= 1;
        return (
          <li key={shard.id} className="grid gap-0.5 border-b border-border pb-2 last:border-0">
            <a href={`/shards/${shard.id}`} className="truncate font-medium text-primary hover:underline">
              {shardName(shard)}
            </a>
            <span className="text-xs text-muted-foreground">
              {t(created ? "dashboards.activity.created" : "dashboards.activity.updated", {
                type: shard.shardType ?? "",
                when: formatDateTime(shard.updatedAt, { locale: LOCALE }),
              })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A search box over the tenant's shards, the results listed under it. */
export function SearchWidget({ widget }: { widget: DashboardWidget }) {
  const [text, setText] = useState("");
  const search = useMutation({
    mutationFn: (query: string) =>
      call(api.POST("/api/v1/search", { body: { query, limit: 10, ...(widget.options?.types?.length && { types: widget.options.types }) } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) search.mutate(text.trim());
  };
  const label = t("dashboards.search.label");
  return (
    <div className="grid gap-3">
      <form role="search" onSubmit={submit} className="flex gap-2">
        <Input type="search" aria-label={label} placeholder={label} value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={search.isPending}>
          {t("dashboards.search.submit")}
        </Button>
      </form>
      {search.isError && <WidgetError error={search.error} />}
      {search.isSuccess &&
        ((search.data.items ?? []).length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("dashboards.search.none")}</p>
        ) : (
          <ul className="grid gap-2 text-sm" aria-live="polite">
            {(search.data.items ?? []).map((hit) =>
              hit.shard ? (
                <li key={hit.shard.id}>
                  <a href={`/shards/${hit.shard.id}`} className="font-medium text-primary hover:underline">
                    {shardName(hit.shard)}
                  </a>
                  <span className="ml-2 text-xs text-muted-foreground">{hit.shard.shardType}</span>
                  {hit.highlights?.[0] && <p className="text-xs text-muted-foreground">{hit.highlights[0].replace(/<\/?[^>]+>/g, "")}</p>}
                </li>
              ) : null,
            )}
          </ul>
        ))}
    </div>
  );
}

/** A question box: the answer grounded in the tenant's shards, with its sources. */
export function AskWidget({ widget }: { widget: DashboardWidget }) {
  const [question, setQuestion] = useState("");
  const ask = useMutation({
    mutationFn: (text: string) =>
      call(api.POST("/api/v1/ask", { body: { question: text, ...(widget.options?.types?.length && { types: widget.options.types }) } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.trim()) ask.mutate(question.trim());
  };
  const label = t("dashboards.ask.label");
  return (
    <div className="grid gap-3">
      <form onSubmit={submit} className="flex gap-2">
        <Input aria-label={label} placeholder={label} value={question} onChange={(e) => setQuestion(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={ask.isPending}>
          {ask.isPending ? t("dashboards.ask.pending") : t("dashboards.ask.submit")}
        </Button>
      </form>
      {ask.isError && <WidgetError error={ask.error} />}
      {ask.isSuccess && (
        <div className="grid gap-2 text-sm" aria-live="polite">
          <p className="whitespace-pre-wrap">{ask.data.answer}</p>
          {ask.data.mode && <p className="text-xs text-muted-foreground">{t("dashboards.ask.mode", { mode: ask.data.mode })}</p>}
          {(ask.data.citations ?? []).length > 0 && (
            <ol className="grid list-decimal gap-1 pl-5 text-xs">
              {(ask.data.citations ?? []).map((citation, index) => (
                <li key={`${citation.shardId}-${index}`}>
                  <a href={`/shards/${citation.shardId}`} className="text-primary hover:underline">
                    {citation.excerpt || citation.shardId}
                  </a>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

type Block = { kind: "heading" | "paragraph"; text: string } | { kind: "list"; items: string[] };

/**
 * A light markdown subset (# headings, - lists, paragraphs, **bold**), parsed into blocks and drawn
 * as React text nodes: whatever the text holds, nothing in it becomes HTML.
 */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
      blocks.push({ kind: "list", items: lines.map((line) => line.replace(/^\s*[-*]\s+/, "")) });
    } else if (lines.length === 1 && /^#{1,6}\s+/.test(lines[0] ?? "")) {
      blocks.push({ kind: "heading", text: (lines[0] ?? "").replace(/^#{1,6}\s+/, "") });
    } else {
      blocks.push({ kind: "paragraph", text: lines.join("\n") });
    }
  }
  return blocks;
}

function Inline({ text }: { text: string }) {
  const parts = text.split(/(\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("**") && part.endsWith("**") && part.length > 4 ? <strong key={index}>{part.slice(2, -2)}</strong> : part,
      )}
    </>
  );
}

export function TextWidget({ widget }: { widget: DashboardWidget }) {
  const blocks = textBlocks(widget.options?.text ?? "");
  if (blocks.length === 0) return <WidgetEmpty>{t("dashboards.text.empty")}</WidgetEmpty>;
  return (
    <div className="grid gap-2 text-sm">
      {blocks.map((block, index) =>
        block.kind === "heading" ? (
          <p key={index} className="font-semibold">
            <Inline text={block.text} />
          </p>
        ) : block.kind === "list" ? (
          <ul key={index} className="list-disc pl-5">
            {block.items.map((item, i) => (
              <li key={i}>
                <Inline text={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={index} className="whitespace-pre-wrap">
            <Inline text={block.text} />
          </p>
        ),
      )}
    </div>
  );
}
