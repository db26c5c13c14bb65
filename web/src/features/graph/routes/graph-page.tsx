import { useEffect, useId, useMemo, useState } from "react";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { shardPath, shardTitle } from "@/lib/shard-title";
import { graphQuery } from "../api/graph-api";
import { GraphCanvas } from "../components/graph-canvas";
import { degrees, mergeGraphs, relationshipTypes, typesParam, type GraphData } from "../lib/graph-model";

export type GraphSearch = { depth: 1 | 2 | 3; types?: string[] | undefined };

const route = getRouteApi("/app/graph/$id");

/** `/graph/$id`: the neighbourhood of a shard, drawn and listed, with depth, type filter and expansion in place. */
export function GraphPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const formId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { depth } = search;
  const [knownTypes, setKnownTypes] = useState<string[]>([]);
  const types = typesParam(search.types, knownTypes);
  const base = useQuery(graphQuery(id, depth, types));
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>();

  // Another shard, depth or filter is another picture: expansions start over.
  useEffect(() => {
    setExpanded([]);
    setSelectedId(undefined);
  }, [id, depth, types?.join(",")]);
  useEffect(() => setKnownTypes([]), [id]);

  const expansions = useQueries({ queries: expanded.map((nodeId) => graphQuery(nodeId, 1, types)) });
  const merged = mergeGraphs(base.data, ...expansions.map((query) => query.data));
  // One object while the content is the same, so the canvas lays out only when nodes or edges change.
  const signature = `${merged.nodes.map((node) => `${node.id}:${node.revision}`).join(",")}|${merged.edges.map((edge) => edge.id).join(",")}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for the content
  const graph: GraphData = useMemo(() => merged, [signature]);

  // The filter offers every type met so far, including ones the current filter hides.
  useEffect(() => {
    const found = relationshipTypes(graph);
    setKnownTypes((current) => (found.every((type) => current.includes(type)) ? current : [...new Set([...current, ...found])].sort()));
  }, [graph]);

  const expanding = expansions.some((query) => query.isFetching);
  const expansionError = expansions.find((query) => query.isError)?.error;
  const root = graph.nodes.find((node) => node.id === id);
  const selected = graph.nodes.find((node) => node.id === selectedId);
  const titles = useMemo(() => new Map(graph.nodes.map((node) => [node.id!, shardTitle(node)])), [graph]);
  const nodeDegrees = useMemo(() => degrees(graph), [graph]);

  const setSearch = (next: Partial<GraphSearch>) =>
    void navigate({ to: "/graph/$id", params: { id }, search: { ...search, ...next }, replace: true });

  const expand = (nodeId: string) => {
    setSelectedId(nodeId);
    if (nodeId !== id && !expanded.includes(nodeId)) {
      setExpanded((current) => [...current, nodeId]);
    } else if (nodeId === id) {
      void queryClient.invalidateQueries({ queryKey: ["graph", id] });
    }
  };

  const checked = (type: string) => !search.types || search.types.includes(type);
  const toggleType = (type: string, on: boolean) => {
    const current = search.types ?? knownTypes;
    const next = on ? [...new Set([...current, type])] : current.filter((candidate) => candidate !== type);
    setSearch({ types: typesParam(next, knownTypes) });
  };
  const checkedCount = knownTypes.filter(checked).length;

  return (
    <section className="grid gap-6">
      <PageHeader
        title={root ? t("graph.title.of", { name: shardTitle(root) }) : t("graph.title")}
        description={t("graph.description")}
        actions={
          <Link to={shardPath(id)} className={buttonClasses("outline", "sm")}>
            {t("graph.openRoot")}
          </Link>
        }
      />

      <form className="flex flex-wrap items-end gap-6" onSubmit={(event) => event.preventDefault()} aria-label={t("graph.controls")}>
        <div className="grid gap-2">
          <Label htmlFor={`${formId}-depth`}>{t("graph.depth")}</Label>
          <Select
            id={`${formId}-depth`}
            className="w-40"
            value={depth}
            onChange={(event) => setSearch({ depth: Number(event.target.value) as GraphSearch["depth"] })}
          >
            {[1, 2, 3].map((value) => (
              <option key={value} value={value}>
                {value === 1 ? t("graph.depth.one") : t("graph.depth.many", { depth: value })}
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t("graph.types")}</legend>
          {knownTypes.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("graph.types.none")}</p>
          ) : (
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {knownTypes.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    checked={checked(type)}
                    // The last type stays: no type at all would be an empty picture, not a filter.
                    disabled={checked(type) && checkedCount === 1}
                    onChange={(event) => toggleType(type, event.target.checked)}
                  />
                  {type}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      </form>

      {base.isPending ? (
        <SkeletonRows rows={6} label={t("graph.loading")} />
      ) : base.isError ? (
        <ErrorState error={base.error} onRetry={() => void base.refetch()} />
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
            <GraphCanvas graph={graph} rootId={id} selectedId={selectedId} onSelect={setSelectedId} onExpand={expand} />
            <aside aria-labelledby={`${formId}-selected`} className="grid content-start gap-3 rounded-lg border border-border bg-card p-4">
              <h2 id={`${formId}-selected`} className="font-semibold">
                {t("graph.selected")}
              </h2>
              {selected ? (
                <>
                  <p className="break-words font-medium">{shardTitle(selected)}</p>
                  <Badge variant="outline" className="w-fit">
                    {selected.shardType}
                  </Badge>
                  <p className="text-sm text-muted-foreground">{t("graph.selected.degree", { count: nodeDegrees.get(selected.id!) ?? 0 })}</p>
                  <div className="flex flex-wrap gap-2">
                    <Link to={shardPath(selected.id!)} className={buttonClasses("default", "sm")}>
                      {t("graph.open")}
                    </Link>
                    <Button variant="outline" size="sm" onClick={() => expand(selected.id!)} disabled={expanding}>
                      {t("graph.expand")}
                    </Button>
                  </div>
                </>
              ) : (
                <p className="text-sm text-muted-foreground">{t("graph.selected.none")}</p>
              )}
              <p className="text-xs text-muted-foreground" role="status">
                {expanding ? t("graph.expanding") : ""}
              </p>
              {expansionError !== undefined && <p className="text-sm text-destructive">{errorMessage(expansionError)}</p>}
            </aside>
          </div>

          {graph.edges.length === 0 && <EmptyState title={t("graph.empty.title")} description={t("graph.empty.description")} />}

          <div className="grid gap-6 xl:grid-cols-2">
            <section aria-labelledby={`${formId}-nodes`} className="grid content-start gap-3">
              <h2 id={`${formId}-nodes`} className="text-lg font-semibold">
                {t("graph.nodes.title", { count: graph.nodes.length })}
              </h2>
              <Table>
                <caption className="sr-only">{t("graph.nodes.caption")}</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("graph.nodes.name")}</TableHead>
                    <TableHead>{t("graph.nodes.type")}</TableHead>
                    <TableHead className="text-right">{t("graph.nodes.links")}</TableHead>
                    <TableActionsHead label={t("graph.nodes.actions")} />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {[...graph.nodes].sort((a, b) => Number(b.id === id) - Number(a.id === id)).map((node) => (
                    <TableRow key={node.id} aria-selected={node.id === selectedId || undefined} className={node.id === selectedId ? "bg-muted" : undefined}>
                      <TableCell>
                        <Link to={shardPath(node.id!)} className="font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
                          {shardTitle(node)}
                        </Link>
                        {node.id === id && <span className="ml-2 text-xs text-muted-foreground">{t("graph.nodes.root")}</span>}
                      </TableCell>
                      <TableCell>{node.shardType}</TableCell>
                      <TableCell className="text-right">{nodeDegrees.get(node.id!) ?? 0}</TableCell>
                      <TableCell className="text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => expand(node.id!)}
                          aria-label={t("graph.expand.named", { name: shardTitle(node) })}
                          disabled={node.id !== id && expanded.includes(node.id!)}
                        >
                          {t("graph.expand")}
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
            <section aria-labelledby={`${formId}-edges`} className="grid content-start gap-3">
              <h2 id={`${formId}-edges`} className="text-lg font-semibold">
                {t("graph.edges.title", { count: graph.edges.length })}
              </h2>
              {graph.edges.length > 0 && (
                <Table>
                  <caption className="sr-only">{t("graph.edges.caption")}</caption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t("graph.edges.source")}</TableHead>
                      <TableHead>{t("graph.edges.type")}</TableHead>
                      <TableHead>{t("graph.edges.target")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {graph.edges.map((edge) => (
                      <TableRow key={edge.id ?? `${edge.sourceId}-${edge.type}-${edge.targetId}`}>
                        <TableCell>{titles.get(edge.sourceId!)}</TableCell>
                        <TableCell>
                          <Badge variant="outline">{edge.type}</Badge>
                        </TableCell>
                        <TableCell>{titles.get(edge.targetId!)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}
