import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ArrowLeft, ArrowRight } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirmed-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { shardTitle } from "@/lib/shard-title";
import { createRelationship, deleteRelationship, shardKeys, useRelationships, useShardName, useShardSearch, type Relationship, type Shard } from "../api/shards-api";
import { PanelState } from "./panel-state";

function OtherEnd({ id }: { id: string }) {
  const other = useShardName(id);
  if (other.isPending) return <span className="text-muted-foreground">{t("common.loading")}</span>;
  if (!other.data) return <span className="text-muted-foreground">{t("shards.relationships.unavailable")}</span>;
  return (
    <Link to="/shards/$id" params={{ id }} className="text-primary underline-offset-4 hover:underline">
      {shardTitle(other.data)}
    </Link>
  );
}

const TYPE = /^[a-z][a-z0-9_]{1,62}$/;

function AddRelationship({ shard }: { shard: Shard }) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const [type, setType] = useState("related_to");
  const [direction, setDirection] = useState<"out" | "in">("out");
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const results = useShardSearch(submitted);
  const typeValid = TYPE.test(type);

  const link = async (other: Shard) => {
    if (!typeValid) return;
    setPending(true);
    setError(undefined);
    try {
      await createRelationship(direction === "out" ? { sourceId: shard.id, targetId: other.id, type } : { sourceId: other.id, targetId: shard.id, type });
      await queryClient.invalidateQueries({ queryKey: shardKeys.relationships(shard.id) });
      notify(t("shards.relationships.added", { name: shardTitle(other) }));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setPending(false);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(query);
  };

  return (
    <section className="grid gap-4 rounded-lg border border-border p-4" aria-labelledby="add-relationship-title">
      <h2 id="add-relationship-title" className="text-lg font-semibold">
        {t("shards.relationships.add")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor="relationship-type">{t("shards.relationships.type")}</Label>
          <Input
            id="relationship-type"
            value={type}
            onChange={(event) => setType(event.target.value)}
            aria-invalid={!typeValid || undefined}
            aria-describedby="relationship-type-hint"
          />
          <p id="relationship-type-hint" className={typeValid ? "text-xs text-muted-foreground" : "text-sm text-destructive"}>
            {t("shards.relationships.typeHint")}
          </p>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="relationship-direction">{t("shards.relationships.direction")}</Label>
          <Select id="relationship-direction" value={direction} onChange={(event) => setDirection(event.target.value === "in" ? "in" : "out")}>
            <option value="out">{t("shards.relationships.fromThis")}</option>
            <option value="in">{t("shards.relationships.toThis")}</option>
          </Select>
        </div>
      </div>
      <form role="search" onSubmit={search} className="flex flex-wrap items-end gap-2">
        <div className="grid flex-1 gap-2">
          <Label htmlFor="relationship-search">{t("shards.relationships.search")}</Label>
          <Input id="relationship-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
        <Button type="submit" variant="outline">
          {t("shards.relationships.find")}
        </Button>
      </form>
      {error && <Alert variant="error">{error}</Alert>}
      {submitted.trim() !== "" &&
        (results.isPending ? (
          <SkeletonRows label={t("common.loading")} rows={2} />
        ) : results.isError ? (
          <ErrorState error={results.error} onRetry={() => void results.refetch()} />
        ) : results.data.filter((s) => s.id !== shard.id).length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("shards.relationships.noResults")}</p>
        ) : (
          <ul className="grid gap-2" aria-label={t("shards.relationships.results")}>
            {results.data
              .filter((s) => s.id !== shard.id)
              .map((other) => (
                <li key={other.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border px-3 py-2">
                  <span>
                    {shardTitle(other)} <span className="text-xs text-muted-foreground">{other.shardType}</span>
                  </span>
                  <Button size="sm" onClick={() => void link(other)} disabled={pending || !typeValid}>
                    {t("shards.relationships.link", { name: shardTitle(other) })}
                  </Button>
                </li>
              ))}
          </ul>
        ))}
    </section>
  );
}

/** Relationships in both directions, with add (pick the other shard by search) and remove. */
export function RelationshipsPanel({ shard, readOnly }: { shard: Shard; readOnly: boolean }) {
  const relationships = useRelationships(shard.id);
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Relationship | undefined>();

  const remove = async () => {
    if (!removing?.id) return;
    await deleteRelationship(removing.id);
    await queryClient.invalidateQueries({ queryKey: shardKeys.relationships(shard.id) });
  };

  return (
    <div className="grid gap-6">
      <PanelState
        query={relationships}
        rows={3}
        empty={<EmptyState title={t("shards.relationships.empty")} description={t("shards.relationships.emptyHint")} />}
      >
        {(list) => (
          <Table>
            <caption className="sr-only">{t("shards.relationships.caption")}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("shards.relationships.direction")}</TableHead>
                <TableHead>{t("shards.relationships.type")}</TableHead>
                <TableHead>{t("shards.relationships.other")}</TableHead>
                <TableActionsHead label={t("shards.list.actions")} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((relationship) => {
                const outgoing = relationship.sourceId === shard.id;
                const other = (outgoing ? relationship.targetId : relationship.sourceId) ?? "";
                return (
                  <TableRow key={relationship.id}>
                    <TableCell>
                      <span className="inline-flex items-center gap-1">
                        {outgoing ? <ArrowRight aria-hidden="true" className="size-4" /> : <ArrowLeft aria-hidden="true" className="size-4" />}
                        {outgoing ? t("shards.relationships.outgoing") : t("shards.relationships.incoming")}
                      </span>
                    </TableCell>
                    <TableCell>
                      <code>{relationship.type}</code>
                    </TableCell>
                    <TableCell>
                      <OtherEnd id={other} />
                    </TableCell>
                    <TableCell className="text-right">
                      {!readOnly && (
                        <Button size="sm" variant="outline" onClick={() => setRemoving(relationship)}>
                          {t("shards.relationships.remove")}
                          <span className="sr-only"> {relationship.type}</span>
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </PanelState>
      {!readOnly && <AddRelationship shard={shard} />}
      <ConfirmActionDialog
        open={removing !== undefined}
        onClose={() => setRemoving(undefined)}
        title={t("shards.relationships.removeTitle")}
        description={t("shards.relationships.removeBody", { type: removing?.type ?? "" })}
        confirmLabel={t("shards.relationships.remove")}
        action={remove}
        done={t("shards.relationships.removed")}
      />
    </div>
  );
}
