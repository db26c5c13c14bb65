import { useEffect, useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { t } from "@/lib/i18n";
import { SEARCH_MODES, searchQuery, useShardTypes, type SearchMode } from "../api/search-api";
import { AskPanel } from "../components/ask-panel";
import { SearchResults } from "../components/search-results";

export type SearchPageSearch = {
  q?: string | undefined;
  mode?: SearchMode | undefined;
  types?: string[] | undefined;
  all?: true | undefined;
  tab?: "search" | "ask" | undefined;
};

const route = getRouteApi("/app/search");

const MODE_LABELS = { hybrid: "search.mode.hybrid", keyword: "search.mode.keyword", semantic: "search.mode.semantic" } as const;
const MODE_HINTS = { hybrid: "search.mode.hybrid.hint", keyword: "search.mode.keyword.hint", semantic: "search.mode.semantic.hint" } as const;

/** `/search`: keyword, semantic or hybrid search with type filters, and the Ask panel. */
export function SearchPage() {
  const id = useId();
  const search = route.useSearch();
  const navigate = useNavigate();
  const query = search.q ?? "";
  const mode = search.mode ?? "hybrid";
  const tab = search.tab ?? "search";
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const types = useShardTypes();
  const allWords = search.all === true && mode !== "semantic";
  const results = useQuery(searchQuery(query, mode, search.types, 25, allWords));

  const update = (next: Partial<SearchPageSearch>) => void navigate({ to: "/search", search: { ...search, ...next }, replace: true });
  const toggleType = (name: string, on: boolean) => {
    const current = search.types ?? [];
    const next = on ? [...current, name] : current.filter((type) => type !== name);
    update({ types: next.length > 0 ? next : undefined });
  };

  return (
    <section className="grid gap-6">
      <PageHeader title={t("search.title")} description={t("search.description")} />
      <Tabs value={tab} onValueChange={(value) => update({ tab: value === "ask" ? "ask" : undefined })}>
        <TabsList aria-label={t("search.tabs")}>
          <TabsTrigger value="search">{t("search.tab.search")}</TabsTrigger>
          <TabsTrigger value="ask">{t("search.tab.ask")}</TabsTrigger>
        </TabsList>

        <div className="mt-4 grid gap-6 lg:grid-cols-[16rem_1fr]">

          <div className="min-w-0">
            <TabsContent value="search" className="mt-0 grid gap-4">
              <form
                role="search"
                aria-label={t("search.title")}
                className="grid gap-4"
                onSubmit={(event) => {
                  event.preventDefault();
                  update({ q: text.trim() || undefined });
                }}
              >
                <div className="grid gap-2">
                  <Label htmlFor={`${id}-q`}>{t("search.query")}</Label>
                  <div className="flex gap-2">
                    <Input id={`${id}-q`} type="search" value={text} onChange={(event) => setText(event.target.value)} maxLength={1000} />
                    <Button type="submit">{t("search.submit")}</Button>
                  </div>
                </div>
                <fieldset className="flex flex-wrap gap-x-5 gap-y-2">
                  <legend className="mb-2 w-full text-sm font-medium">{t("search.mode")}</legend>
                  {SEARCH_MODES.map((value) => (
                    <label key={value} className="flex items-center gap-2 text-sm" title={t(MODE_HINTS[value])}>
                      <input
                        type="radio"
                        name="mode"
                        value={value}
                        checked={mode === value}
                        onChange={() => update({ mode: value === "hybrid" ? undefined : value })}
                        className="size-4 accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      />
                      {t(MODE_LABELS[value])}
                    </label>
                  ))}
                </fieldset>
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Checkbox
                    id={`${id}-all`}
                    checked={allWords}
                    disabled={mode === "semantic"}
                    onChange={(event) => update({ all: event.target.checked ? true : undefined })}
                    aria-describedby={`${id}-all-hint`}
                  />
                  <Label htmlFor={`${id}-all`}>{t("search.allWords")}</Label>
                  <span id={`${id}-all-hint`} className="text-sm text-muted-foreground">
                    {t("search.allWords.hint")}
                  </span>
                </div>
              </form>

              {!query ? (
                <EmptyState title={t("search.empty.title")} description={t("search.empty.description")} />
              ) : results.isPending ? (
                <SkeletonRows rows={5} label={t("search.searching")} />
              ) : results.isError ? (
                <ErrorState error={results.error} onRetry={() => void results.refetch()} />
              ) : results.data.length === 0 ? (
                <EmptyState title={t("search.none.title", { query })} description={t("search.none.description")} />
              ) : (
                <>
                  <p className="text-sm text-muted-foreground" role="status">
                    {t("search.count", { count: results.data.length, query })}
                  </p>
                  <SearchResults hits={results.data} query={query} />
                </>
              )}
            </TabsContent>
            <TabsContent value="ask" className="mt-0">
              <AskPanel types={search.types} initialQuestion={query} />
            </TabsContent>
          </div>
          <aside className="grid content-start gap-4 lg:order-first">
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">{t("search.types")}</legend>
              {types.isPending ? (
                <SkeletonRows rows={3} label={t("common.loading")} />
              ) : types.isError ? (
                <ErrorState error={types.error} onRetry={() => void types.refetch()} />
              ) : (
                <div className="flex flex-wrap gap-x-4 gap-y-2 lg:grid lg:max-h-96 lg:overflow-y-auto lg:pr-2">
                  {(types.data.items ?? []).map((type) => (
                    <label key={type.name} className="flex items-center gap-2 text-sm">
                      <Checkbox checked={search.types?.includes(type.name!) ?? false} onChange={(event) => toggleType(type.name!, event.target.checked)} />
                      {type.displayName ?? type.name}
                    </label>
                  ))}
                </div>
              )}
              <p className="text-xs text-muted-foreground">{t("search.types.hint")}</p>
            </fieldset>
          </aside>
        </div>
      </Tabs>
    </section>
  );
}
