import { useEffect, useMemo, useRef } from "react";
import { Link } from "@tanstack/react-router";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import { formatTimestamp } from "@/lib/format";
import { t, type MessageKey } from "@/lib/i18n";
import { displayValue } from "@/lib/shard-title";
import type { Shard } from "../api/shards-api";
import { valueAt, type SchemaField } from "../lib/schema";

/** System columns a list may show besides the schema's fields. */
export const SYSTEM_COLUMNS = ["status", "updatedAt", "createdAt", "revision"] as const;

const ROW_HEIGHT = 41;

/** The sort key of a column (as GET /shards takes it), or undefined when it cannot be sorted. */
export function sortKeyOf(column: string, fields: SchemaField[]): string | undefined {
  if ((SYSTEM_COLUMNS as readonly string[]).includes(column)) return column;
  const field = fields.find((f) => f.path === column);
  return field && field.kind !== "array" && field.kind !== "object" ? `structuredData.${column}` : undefined;
}

export function columnLabel(column: string, fields: SchemaField[]): string {
  if ((SYSTEM_COLUMNS as readonly string[]).includes(column)) return t(`shards.field.${column}` as MessageKey);
  const field = fields.find((f) => f.path === column);
  return field ? (column.includes(".") ? column : field.label) : column;
}

function cellText(shard: Shard, column: string): string {
  switch (column) {
    case "status":
      return shard.status ? t(`shards.status.${shard.status}` as MessageKey) : "";
    case "updatedAt":
    case "createdAt":
      return formatTimestamp(shard[column]);
    case "revision":
      return String(shard.revision);
    default:
      return displayValue(valueAt(shard.structuredData, column));
  }
}

type ShardTableProps = {
  rows: Shard[];
  columns: string[];
  /** The column whose cell links to the shard. */
  linkColumn: string | undefined;
  fields: SchemaField[];
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/**
 * The shard list: TanStack Table for the columns, TanStack Virtual for the rows (only the rows in
 * view are in the DOM, with spacer rows above and below, so 10,000 loaded rows scroll as lightly
 * as 50). Nearing the end of the loaded rows asks for the next page (infinite scroll).
 */
export function ShardTable({ rows, columns, linkColumn, fields, sort, onSort, hasMore, loadingMore, onLoadMore }: ShardTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const definitions = useMemo<ColumnDef<Shard>[]>(
    () =>
      columns.map((column) => ({
        id: column,
        header: columnLabel(column, fields),
        cell: ({ row }) => {
          const text = cellText(row.original, column);
          if (column === linkColumn) {
            return (
              <Link to="/shards/$id" params={{ id: row.original.id }} className="font-medium text-primary underline-offset-4 hover:underline">
                {text || row.original.id.slice(0, 8)}
              </Link>
            );
          }
          return text;
        },
      })),
    [columns, fields, linkColumn],
  );
  const table = useReactTable({ data: rows, columns: definitions, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= tableRows.length - 30) onLoadMore();
  }, [last, hasMore, loadingMore, tableRows.length, onLoadMore]);

  const top = items[0]?.start ?? 0;
  const bottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const descending = sort.startsWith("-");
  const sortField = descending ? sort.slice(1) : sort;

  return (
    <div
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={t("shards.list.tableRegion")}
      className="max-h-[70vh] overflow-auto rounded-md border border-border focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <table className="w-full text-sm" aria-rowcount={tableRows.length + 1}>
        <thead className="sticky top-0 z-10 bg-muted">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const key = sortKeyOf(header.id, fields);
                const active = key !== undefined && key === sortField;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
                    className="h-10 whitespace-nowrap px-3 text-left align-middle font-medium text-muted-foreground"
                  >
                    {key ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 rounded hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                        onClick={() => onSort(active && !descending ? `-${key}` : key)}
                      >
                        {label}
                        {active && (descending ? <ArrowDown aria-hidden="true" className="size-3" /> : <ArrowUp aria-hidden="true" className="size-3" />)}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: top, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className="border-b border-border hover:bg-muted/40"
                style={{ height: ROW_HEIGHT }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="max-w-80 truncate px-3 py-2 align-middle">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: bottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {loadingMore && (
        <p role="status" className="px-3 py-2 text-sm text-muted-foreground">
          {t("shards.list.loadingMore")}
        </p>
      )}
    </div>
  );
}
