import { useCallback, useMemo, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Columns3 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/menu";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { t, type MessageKey } from "@/lib/i18n";
import { useRealtimeEvents } from "@/lib/realtime";
import { applyShardEvent, useShardList, useShardType, useShardTypes, type SavedView, type ShardType } from "../api/shards-api";
import { FilterEditor } from "../components/filter-editor";
import { SavedViews } from "../components/saved-views";
import { columnLabel, ShardTable, SYSTEM_COLUMNS } from "../components/shard-table";
import { flatFields, scalarFields, titleField } from "../lib/schema";
import type { ShardListSearch } from "../lib/list-search";
import { DEFAULT_SORT, sortOptions } from "../lib/where";

/** `/shards`: the type picker, or with `?type=` that type's list. */
export function ShardsPage() {
  const search = useSearch({ from: "/app/shards" });
  return search.type ? <ShardList type={search.type} search={search} /> : <TypePicker />;
}

function TypePicker() {
  const types = useShardTypes();
  return (
    <>
      <PageHeader
        title={t("shards.types.title")}
        description={t("shards.types.description")}
        actions={
          <Link to="/shards/new" search={{}} className={buttonClasses()}>
            {t("shards.list.new")}
          </Link>
        }
      />
      {types.isPending ? (
        <SkeletonRows label={t("common.loading")} rows={6} />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : types.data.length === 0 ? (
        <EmptyState title={t("shards.types.empty")} />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {[...types.data]
            .sort((a, b) => Number(a.system ?? false) - Number(b.system ?? false) || (a.displayName || a.name).localeCompare(b.displayName || b.name))
            .map((type) => (
              <li key={type.name}>
                <Card className="relative h-full p-4 focus-within:ring-2 focus-within:ring-ring">
                  <h2 className="flex flex-wrap items-center gap-2 font-medium">
                    <Link to="/shards" search={{ type: type.name }} className="after:absolute after:inset-0 focus-visible:outline-none">
                      {type.displayName || type.name}
                    </Link>
                    {type.system && <Badge variant="outline">{t("shards.types.builtIn")}</Badge>}
                  </h2>
                  <p className="mt-1 text-xs text-muted-foreground">
                    <code>{type.name}</code>
                    {type.parentType && ` · ${t("shards.types.extends", { parent: type.parentType })}`}
                  </p>
                  {type.description && <p className="mt-2 text-sm text-muted-foreground">{type.description}</p>}
                </Card>
              </li>
            ))}
        </ul>
      )}
    </>
  );
}

const STATUS_FILTERS = ["", "active", "draft", "archived", "deleted"] as const;

function defaultColumns(type: ShardType): string[] {
  const title = titleField(type.effectiveSchema);
  const others = scalarFields(type.effectiveSchema)
    .map((field) => field.path)
    .filter((path) => path !== title)
    .slice(0, 3);
  return [...(title ? [title] : []), ...others, "status", "updatedAt"];
}

function ShardList({ type, search }: { type: string; search: ShardListSearch }) {
  const shardType = useShardType(type);
  // The rows do not depend on the schema: both load at once.
  const list = useShardList({ type, where: search.where ?? [], sort: search.sort ?? DEFAULT_SORT, status: search.status, q: search.q, tag: search.tag });
  if (shardType.isPending) return <SkeletonRows label={t("common.loading")} rows={8} />;
  if (shardType.isError) return <ErrorState error={shardType.error} onRetry={() => void shardType.refetch()} />;
  return <ShardListOf type={shardType.data} search={search} list={list} />;
}

function ShardListOf({ type, search, list }: { type: ShardType; search: ShardListSearch; list: ReturnType<typeof useShardList> }) {
  const navigate = useNavigate({ from: "/shards" });
  const queryClient = useQueryClient();
  const fields = useMemo(() => flatFields(type.effectiveSchema), [type.effectiveSchema]);
  const columnChoices = useMemo(() => [...scalarFields(type.effectiveSchema).map((field) => field.path), ...SYSTEM_COLUMNS], [type.effectiveSchema]);
  const where = search.where ?? [];
  const sort = search.sort ?? DEFAULT_SORT;
  const columns = search.columns?.filter((column) => columnChoices.includes(column)) ?? defaultColumns(type);
  const [q, setQ] = useState(search.q ?? "");
  const [tag, setTag] = useState(search.tag ?? "");
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const title = titleField(type.effectiveSchema);

  useRealtimeEvents({ events: ["shard.*"], shardTypes: [type.name] }, (event) => applyShardEvent(queryClient, event.type, event.data));

  const setSearch = (change: Partial<ShardListSearch>, keepView = false) =>
    void navigate({ search: (old: ShardListSearch) => ({ ...old, ...change, ...(!keepView && { view: undefined }) }), replace: true });

  const pickView = (view: SavedView | undefined) =>
    void navigate({
      search: (old: ShardListSearch) =>
        view
          ? { type: old.type, status: old.status, q: old.q, tag: old.tag, view: view.id, where: view.where?.length ? view.where : undefined, sort: view.sort || undefined, columns: view.columns?.length ? view.columns : undefined }
          : { type: old.type, status: old.status, q: old.q, tag: old.tag },
      replace: true,
    });

  const { fetchNextPage, hasNextPage, isFetchingNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const searchText = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ q: q.trim() || undefined, tag: tag.trim() || undefined }, true);
  };

  const toggleColumn = (column: string, on: boolean) => {
    const next = on ? columnChoices.filter((c) => c === column || columns.includes(c)) : columns.filter((c) => c !== column);
    if (next.length > 0) setSearch({ columns: next });
  };

  const sortLabel = (option: string) => {
    const descending = option.startsWith("-");
    const key = descending ? option.slice(1) : option;
    const column = key.startsWith("structuredData.") ? key.slice("structuredData.".length) : key;
    return t(descending ? "shards.sort.desc" : "shards.sort.asc", { field: columnLabel(column, fields) });
  };

  return (
    <>
      <nav aria-label={t("shards.detail.breadcrumb")} className="mb-2 text-sm">
        <Link to="/shards" search={{}} className="text-primary underline-offset-4 hover:underline">
          {t("shards.types.all")}
        </Link>
      </nav>
      <PageHeader
        title={type.displayName || type.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {type.description && <span>{type.description}</span>}
          </span>
        }
        actions={
          <Link to="/shards/new" search={{ type: type.name }} className={buttonClasses()}>
            {t("shards.list.newOf", { type: type.displayName || type.name })}
          </Link>
        }
      />
      <div className="mb-4 grid gap-4">
        <SavedViews type={type.name} viewId={search.view} current={{ where, sort, columns }} onPick={pickView} />
        <details className="rounded-md border border-border bg-card p-3" open={where.length > 0}>
          <summary className="cursor-pointer text-sm font-medium">
            {where.length > 0 ? t("shards.filter.titleCount", { n: where.length }) : t("shards.filter.title")}
          </summary>
          <div className="mt-3">
            <FilterEditor fields={fields} where={where} onApply={(next) => setSearch({ where: next.length > 0 ? next : undefined })} />
          </div>
        </details>
        <div className="flex flex-wrap items-end gap-3">
          <form role="search" onSubmit={searchText} className="flex flex-wrap items-end gap-2">
            <div className="grid gap-1">
              <Label htmlFor="shard-q" className="text-xs">
                {t("shards.list.search")}
              </Label>
              <Input id="shard-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} className="w-48" />
            </div>
            <div className="grid gap-1">
              <Label htmlFor="shard-tag" className="text-xs">
                {t("shards.list.tag")}
              </Label>
              <Input id="shard-tag" value={tag} onChange={(event) => setTag(event.target.value)} className="w-32" />
            </div>
            <Button type="submit" variant="outline">
              {t("shards.list.searchButton")}
            </Button>
          </form>
          <div className="grid gap-1">
            <Label htmlFor="shard-sort" className="text-xs">
              {t("shards.sort.label")}
            </Label>
            <Select id="shard-sort" value={sort} onChange={(event) => setSearch({ sort: event.target.value === DEFAULT_SORT ? undefined : event.target.value })}>
              {sortOptions(fields).map((option) => (
                <option key={option} value={option}>
                  {sortLabel(option)}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="shard-status" className="text-xs">
              {t("shards.field.status")}
            </Label>
            <Select id="shard-status" value={search.status ?? ""} onChange={(event) => setSearch({ status: event.target.value || undefined }, true)}>
              {STATUS_FILTERS.map((status) => (
                <option key={status} value={status}>
                  {status ? t(`shards.status.${status}` as MessageKey) : t("shards.list.allButDeleted")}
                </option>
              ))}
            </Select>
          </div>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline">
                <Columns3 aria-hidden="true" className="size-4" />
                {t("shards.list.columns")}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="max-h-80 overflow-y-auto">
              <DropdownMenuLabel>{t("shards.list.columnsLabel")}</DropdownMenuLabel>
              {columnChoices.map((column) => (
                <DropdownMenuCheckboxItem
                  key={column}
                  checked={columns.includes(column)}
                  onCheckedChange={(checked) => toggleColumn(column, checked === true)}
                  onSelect={(event) => event.preventDefault()}
                >
                  {columnLabel(column, fields)}
                </DropdownMenuCheckboxItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
          <p className="ml-auto text-sm text-muted-foreground" aria-live="polite">
            {list.data && t(hasNextPage ? "shards.list.countMore" : "shards.list.count", { n: rows.length })}
          </p>
        </div>
      </div>
      {list.isPending ? (
        <SkeletonRows label={t("common.loading")} rows={10} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={where.length > 0 || search.q || search.tag || search.status ? t("shards.list.noMatch") : t("shards.list.empty")}
          description={where.length > 0 || search.q || search.tag ? t("shards.list.noMatchHint") : undefined}
          action={
            <Link to="/shards/new" search={{ type: type.name }} className={buttonClasses("outline")}>
              {t("shards.list.newOf", { type: type.displayName || type.name })}
            </Link>
          }
        />
      ) : (
        <ShardTable
          rows={rows}
          columns={columns}
          linkColumn={title && columns.includes(title) ? title : columns[0]}
          fields={fields}
          sort={sort}
          onSort={(next) => setSearch({ sort: next === DEFAULT_SORT ? undefined : next })}
          hasMore={!!hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </>
  );
}
