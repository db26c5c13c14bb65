import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { useRealtimeEvents } from "@/lib/realtime";
import { displayValue } from "@/lib/shard-title";
import { applyShardEvent, fetchShard, patchShard, shardKeys, shardOf, useShard, useShardType, type Shard, type ShardBody } from "../api/shards-api";
import { bodyOf, formFieldKeys, ShardForm } from "../components/shard-form";
import { formErrorsOf, type FormErrors } from "../lib/form-errors";
import { diffMergePatch, reapply } from "../lib/merge-patch";
import { titleField } from "../lib/schema";

/** What the form started from: the version the user's edits apply to (its revision goes in If-Match). */
type Base = { revision: number; body: ShardBody };

const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/**
 * `/shards/$id/edit`. Saves a merge patch of the user's edits with If-Match. When the shard
 * changed meanwhile (a 412 on save, or a live event while editing) the form is kept, and the user
 * chooses between re-applying their edits onto the new version and dropping them.
 */
export function EditShardPage() {
  const { id } = useParams({ from: "/app/shards/$id/edit" });
  const shard = useShard(id);
  const shardType = useShardType(shard.data?.shardType);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useToast();
  const [base, setBase] = useState<Base | null>(null);
  const [values, setValues] = useState<ShardBody | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [resolving, setResolving] = useState(false);
  const saving = useRef(false);

  useEffect(() => {
    if (shard.data && !base) {
      setBase({ revision: shard.data.revision, body: bodyOf(shard.data) });
      setValues(bodyOf(shard.data));
    }
  }, [shard.data, base]);

  useRealtimeEvents({ events: ["shard.*"] }, (event) => {
    if (event.data.id !== id) return;
    applyShardEvent(queryClient, event.type, event.data);
    const revision = shardOf(event.data).revision;
    // Our own save also comes back as an event; only a newer version than ours is someone else's.
    if (!saving.current && base && (revision > base.revision || event.type !== "shard.updated")) setChangedElsewhere(true);
  });

  const resolve = async (keepMine: boolean) => {
    if (!base || !values) return;
    setResolving(true);
    try {
      const fresh = await fetchShard(id);
      queryClient.setQueryData(shardKeys.detail(id), fresh);
      const freshBody = bodyOf(fresh);
      setBase({ revision: fresh.revision, body: freshBody });
      setValues(keepMine ? reapply(base.body, values, freshBody).values : freshBody);
      setErrors(NO_ERRORS);
      setConflict(false);
      setChangedElsewhere(false);
      notify(keepMine ? t("shards.conflict.reapplied") : t("shards.conflict.discarded"), "info");
    } catch (error) {
      notify(errorMessage(error), "error");
    } finally {
      setResolving(false);
    }
  };

  const save = async () => {
    if (!base || !values || !shardType.data) return;
    const patch = diffMergePatch(base.body, values);
    if (!patch) {
      await navigate({ to: "/shards/$id", params: { id } });
      return;
    }
    setPending(true);
    saving.current = true;
    try {
      const saved: Shard = await patchShard(id, patch, base.revision);
      queryClient.setQueryData(shardKeys.detail(id), saved);
      void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: shardKeys.revisions(id) });
      notify(t("shards.edit.saved"));
      await navigate({ to: "/shards/$id", params: { id } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
      } else {
        setErrors(formErrorsOf(error, formFieldKeys(shardType.data.effectiveSchema)) ?? { fields: {}, form: [errorMessage(error)] });
        setAttempt((n) => n + 1);
      }
    } finally {
      saving.current = false;
      setPending(false);
    }
  };

  if (shard.isError) return <ErrorState error={shard.error} onRetry={() => void shard.refetch()} />;
  if (shardType.isError) return <ErrorState error={shardType.error} onRetry={() => void shardType.refetch()} />;
  if (!shard.data || !shardType.data || !values) return <SkeletonRows label={t("common.loading")} rows={8} />;

  if (shard.data.status === "deleted" && !changedElsewhere) {
    return (
      <Alert variant="info" className="flex flex-wrap items-center justify-between gap-3">
        <span>{t("shards.detail.deletedNotice")}</span>
        <Link to="/shards/$id" params={{ id }} className={buttonClasses("outline", "sm")}>
          {t("shards.edit.backToShard")}
        </Link>
      </Alert>
    );
  }
  const field = titleField(shardType.data.effectiveSchema);
  const title = (field && displayValue(shard.data.structuredData[field])) || shard.data.id;
  return (
    <>
      <PageHeader
        title={t("shards.edit.title", { title })}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {shardType.data.displayName || shardType.data.name}
          </span>
        }
      />
      <ShardForm
        schema={shardType.data.effectiveSchema}
        values={values}
        onChange={setValues}
        onSubmit={() => void save()}
        errors={errors}
        attempt={attempt}
        pending={pending}
        submitLabel={t("common.save")}
        banner={
          changedElsewhere && (
            <Alert variant="info" className="grid gap-3 border-primary">
              <p className="font-medium">{t("shards.conflict.live")}</p>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" onClick={() => void resolve(true)} disabled={resolving}>
                  {t("shards.conflict.reapply")}
                </Button>
                <Button size="sm" variant="outline" onClick={() => void resolve(false)} disabled={resolving}>
                  {t("shards.conflict.discard")}
                </Button>
              </div>
            </Alert>
          )
        }
        actions={
          <Link to="/shards/$id" params={{ id }} className={buttonClasses("outline")}>
            {t("common.cancel")}
          </Link>
        }
      />
      <Dialog
        open={conflict}
        onClose={() => setConflict(false)}
        title={t("shards.conflict.title")}
        description={t("shards.conflict.body")}
        footer={
          <>
            <Button variant="outline" onClick={() => void resolve(false)} disabled={resolving}>
              {t("shards.conflict.discard")}
            </Button>
            <Button onClick={() => void resolve(true)} disabled={resolving} autoFocus>
              {t("shards.conflict.reapply")}
            </Button>
          </>
        }
      />
    </>
  );
}
