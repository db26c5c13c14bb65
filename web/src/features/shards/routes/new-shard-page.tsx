import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { createShard, shardKeys, useShardType, useShardTypes, type ShardBody } from "../api/shards-api";
import { EMPTY_BODY, formFieldKeys, ShardForm } from "../components/shard-form";
import { formErrorsOf, type FormErrors } from "../lib/form-errors";

/** `/shards/new?type=...`: the create form of a type, generated from its effective schema. */
export function NewShardPage() {
  const { type } = useSearch({ from: "/app/shards/new" });
  const navigate = useNavigate();
  const types = useShardTypes();
  const shardType = useShardType(type);
  const queryClient = useQueryClient();
  const notify = useToast();
  const [values, setValues] = useState<ShardBody>(EMPTY_BODY);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: [] });
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);

  if (!type) {
    return (
      <>
        <PageHeader title={t("shards.new.title")} />
        {types.isPending ? (
          <SkeletonRows label={t("common.loading")} rows={2} />
        ) : types.isError ? (
          <ErrorState error={types.error} onRetry={() => void types.refetch()} />
        ) : (
          <div className="grid max-w-sm gap-2">
            <Label htmlFor="new-shard-type">{t("shards.new.pickType")}</Label>
            <Select id="new-shard-type" defaultValue="" onChange={(event) => void navigate({ to: "/shards/new", search: { type: event.target.value } })}>
              <option value="" disabled>
                {t("shards.form.choose")}
              </option>
              {types.data.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.displayName || item.name}
                </option>
              ))}
            </Select>
          </div>
        )}
      </>
    );
  }

  const save = async () => {
    if (!shardType.data) return;
    setPending(true);
    try {
      const shard = await createShard(type, values);
      queryClient.setQueryData(shardKeys.detail(shard.id), shard);
      void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
      notify(t("shards.new.created"));
      await navigate({ to: "/shards/$id", params: { id: shard.id } });
    } catch (error) {
      setErrors(formErrorsOf(error, formFieldKeys(shardType.data.effectiveSchema)) ?? { fields: {}, form: [errorMessage(error)] });
      setAttempt((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  const name = shardType.data?.displayName || type;
  return (
    <>
      <PageHeader title={t("shards.new.titleOf", { type: name })} description={shardType.data?.description} />
      {shardType.isPending ? (
        <SkeletonRows label={t("common.loading")} rows={6} />
      ) : shardType.isError ? (
        <ErrorState error={shardType.error} onRetry={() => void shardType.refetch()} />
      ) : !shardType.data ? (
        <EmptyState title={t("error.404")} />
      ) : (
        <ShardForm
          schema={shardType.data.effectiveSchema}
          values={values}
          onChange={setValues}
          onSubmit={() => void save()}
          errors={errors}
          attempt={attempt}
          pending={pending}
          submitLabel={t("shards.new.submit")}
          actions={
            <Link to="/shards" search={{ type }} className={buttonClasses("outline")}>
              {t("common.cancel")}
            </Link>
          }
        />
      )}
    </>
  );
}
