import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { createView, deleteView, renameView, shardKeys, useSavedViews, type SavedView } from "../api/shards-api";

type Current = { where: string[]; sort: string; columns: string[] };

/** Saved list views of a type: pick one, save the current filters/sort/columns, rename, delete. */
export function SavedViews({ type, viewId, current, onPick }: { type: string; viewId: string | undefined; current: Current; onPick: (view: SavedView | undefined) => void }) {
  const views = useSavedViews(type);
  const queryClient = useQueryClient();
  const notify = useToast();
  const [dialog, setDialog] = useState<"save" | "rename" | "delete" | undefined>();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const selected = views.data?.find((view) => view.id === viewId);

  const refresh = () => queryClient.invalidateQueries({ queryKey: shardKeys.views(type) });

  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await action();
      setDialog(undefined);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setPending(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const view = await createView({ name: name.trim(), shardType: type, ...current, visibility: shared ? "tenant" : "private" });
      await refresh();
      onPick(view);
      notify(t("shards.views.saved", { name: view.name ?? "" }));
    });
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!selected?.id) return;
    const id = selected.id;
    void run(async () => {
      await renameView(id, name.trim());
      await refresh();
      notify(t("shards.views.renamed"));
    });
  };

  const remove = () => {
    if (!selected?.id) return;
    const id = selected.id;
    void run(async () => {
      await deleteView(id);
      await refresh();
      onPick(undefined);
      notify(t("shards.views.deleted"));
    });
  };

  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="grid min-w-48 gap-1">
        <Label htmlFor="saved-view" className="text-xs">
          {t("shards.views.label")}
        </Label>
        <Select
          id="saved-view"
          value={selected?.id ?? ""}
          disabled={views.isPending}
          onChange={(event) => onPick(views.data?.find((view) => view.id === event.target.value))}
        >
          <option value="">{views.isError ? t("shards.views.unavailable") : t("shards.views.none")}</option>
          {views.data?.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
              {view.visibility === "tenant" ? ` (${t("shards.views.shared")})` : ""}
            </option>
          ))}
        </Select>
      </div>
      <Button
        variant="outline"
        onClick={() => {
          setName("");
          setShared(false);
          setError(undefined);
          setDialog("save");
        }}
      >
        {t("shards.views.save")}
      </Button>
      {selected && (
        <>
          <Button
            variant="outline"
            onClick={() => {
              setName(selected.name ?? "");
              setError(undefined);
              setDialog("rename");
            }}
          >
            {t("shards.views.rename")}
          </Button>
          <Button variant="outline" onClick={() => setDialog("delete")}>
            {t("shards.views.delete")}
          </Button>
        </>
      )}
      <Dialog open={dialog === "save" || dialog === "rename"} onClose={() => setDialog(undefined)} title={dialog === "rename" ? t("shards.views.renameTitle") : t("shards.views.saveTitle")}>
        <form onSubmit={dialog === "rename" ? rename : save} className="grid gap-4">
          {error && <Alert variant="error">{error}</Alert>}
          <div className="grid gap-2">
            <Label htmlFor="view-name">{t("shards.views.name")}</Label>
            <Input id="view-name" value={name} required maxLength={200} onChange={(event) => setName(event.target.value)} autoFocus />
          </div>
          {dialog === "save" && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-primary" checked={shared} onChange={(event) => setShared(event.target.checked)} />
              {t("shards.views.shareWithTeam")}
            </label>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="outline" onClick={() => setDialog(undefined)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={pending || name.trim() === ""}>
              {pending ? t("common.saving") : t("common.save")}
            </Button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={dialog === "delete"}
        title={t("shards.views.deleteTitle", { name: selected?.name ?? "" })}
        description={error}
        confirmLabel={t("common.delete")}
        destructive
        pending={pending}
        onConfirm={remove}
        onClose={() => setDialog(undefined)}
      />
    </div>
  );
}
