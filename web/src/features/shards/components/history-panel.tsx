import { useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmActionDialog } from "@/components/ui/confirmed-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTimestamp } from "@/lib/format";
import { t, type MessageKey } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { revertShard, shardKeys, useRevisions, type Revision, type Shard } from "../api/shards-api";
import { diffRevisions, isChange, type DiffCell } from "../lib/revision-diff";
import { PanelState } from "./panel-state";

function Cell({ cell, side }: { cell: DiffCell; side: "left" | "right" }) {
  const marker = cell.kind === "removed" ? "−" : cell.kind === "added" ? "+" : " ";
  return (
    <td
      className={cn(
        "w-1/2 whitespace-pre-wrap break-all px-2 py-0.5 align-top font-mono text-xs",
        side === "left" && "border-r border-border",
        cell.kind === "removed" && "bg-destructive/15",
        cell.kind === "added" && "bg-success/15",
        cell.kind === "empty" && "bg-muted/40",
      )}
    >
      {cell.kind !== "empty" && (
        <>
          <span aria-hidden="true" className="select-none text-muted-foreground">
            {marker}{" "}
          </span>
          {cell.kind === "removed" && <span className="sr-only">{t("shards.history.removed")} </span>}
          {cell.kind === "added" && <span className="sr-only">{t("shards.history.added")} </span>}
          {cell.text}
        </>
      )}
    </td>
  );
}

/** Two revisions side by side, changed lines marked (colour and a sign, not colour alone). */
export function RevisionDiff({ before, after }: { before: Revision; after: Revision }) {
  const rows = useMemo(() => diffRevisions(before, after), [before, after]);
  const changes = rows.filter(isChange).length;
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {changes === 0 ? t("shards.history.identical") : t("shards.history.changedLines", { n: changes })}
      </p>
      <div className="overflow-x-auto rounded-md border border-border">
        <table className="w-full table-fixed" aria-label={t("shards.history.diffLabel", { a: before.revision, b: after.revision })}>
          <thead className="bg-muted/50 text-left text-xs">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                {t("shards.history.revision", { n: before.revision })}
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                {t("shards.history.revision", { n: after.revision })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <Cell cell={row.left} side="left" />
                <Cell cell={row.right} side="right" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The revisions of a shard, a diff of any two, and revert to an earlier one. */
export function HistoryPanel({ shard, readOnly }: { shard: Shard; readOnly: boolean }) {
  const revisions = useRevisions(shard.id);
  return (
    <PanelState query={revisions} rows={4} empty={<EmptyState title={t("shards.history.empty")} />}>
      {(list) => <Revisions shard={shard} list={list} readOnly={readOnly} />}
    </PanelState>
  );
}

function Revisions({ shard, list, readOnly }: { shard: Shard; list: Revision[]; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [left, setLeft] = useState<number | undefined>();
  const [right, setRight] = useState<number | undefined>();
  const [reverting, setReverting] = useState<number | undefined>();

  const newest = list[0]!;
  const after = list.find((r) => r.revision === right) ?? newest;
  const before = list.find((r) => r.revision === left) ?? list.find((r) => r.revision < after.revision) ?? after;

  const revert = async () => {
    if (reverting === undefined) return;
    const saved = await revertShard(shard.id, reverting, shard.revision);
    queryClient.setQueryData(shardKeys.detail(shard.id), saved);
    await queryClient.invalidateQueries({ queryKey: shardKeys.revisions(shard.id) });
    void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
    setLeft(undefined);
    setRight(undefined);
  };

  return (
    <div className="grid gap-6">
      <Table>
        <caption className="sr-only">{t("shards.history.caption")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("shards.history.revisionHead")}</TableHead>
            <TableHead>{t("shards.history.changedAt")}</TableHead>
            <TableHead>{t("shards.field.status")}</TableHead>
            <TableActionsHead label={t("shards.list.actions")} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.map((revision) => (
            <TableRow key={revision.revision}>
              <TableCell>
                {revision.revision}
                {revision.revision === shard.revision && <span className="ml-2 text-xs text-muted-foreground">{t("shards.history.current")}</span>}
              </TableCell>
              <TableCell>{formatTimestamp(revision.changedAt)}</TableCell>
              <TableCell>{revision.status ? t(`shards.status.${revision.status}` as MessageKey) : ""}</TableCell>
              <TableCell className="text-right">
                {!readOnly && revision.revision !== shard.revision && (
                  <Button size="sm" variant="outline" onClick={() => setReverting(revision.revision)}>
                    {t("shards.history.revertTo", { n: revision.revision })}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <section className="grid gap-3" aria-labelledby="shard-diff-title">
        <h2 id="shard-diff-title" className="text-lg font-semibold">
          {t("shards.history.compare")}
        </h2>
        <div className="flex flex-wrap items-end gap-4">
          <RevisionSelect id="diff-left" label={t("shards.history.from")} revisions={list} value={before.revision} onChange={setLeft} />
          <RevisionSelect id="diff-right" label={t("shards.history.to")} revisions={list} value={after.revision} onChange={setRight} />
        </div>
        <RevisionDiff before={before} after={after} />
      </section>
      <ConfirmActionDialog
        open={reverting !== undefined}
        onClose={() => setReverting(undefined)}
        title={t("shards.history.revertTitle", { n: reverting ?? 0 })}
        description={t("shards.history.revertBody")}
        confirmLabel={t("shards.history.revert")}
        destructive={false}
        action={revert}
        done={t("shards.history.reverted", { n: reverting ?? 0 })}
      />
    </div>
  );
}

function RevisionSelect({ id, label, revisions, value, onChange }: {
  id: string;
  label: string;
  revisions: { revision: number }[];
  value: number;
  onChange: (revision: number) => void;
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {revisions.map((r) => (
          <option key={r.revision} value={r.revision}>
            {t("shards.history.revision", { n: r.revision })}
          </option>
        ))}
      </Select>
    </div>
  );
}
