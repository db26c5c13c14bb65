import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ApiError, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import type { Role } from "@/lib/roles";
import { useCreateApiKey, type CreatedApiKey } from "../api/admin-api";
import { roleLabel } from "./role-label";
import { SecretOnceDialog } from "./secret-once-dialog";

type Props = { open: boolean; onClose: () => void; grantable: Role[] };

/**
 * Creates an API key. The server returns the secret once and keeps only its hash, so the secret
 * lives in this dialog's state alone: shown with a copy button and a warning, and dropped for
 * good when the dialog closes (it is never cached, stored or listed).
 */
export function CreateApiKeyDialog({ open, onClose, grantable }: Props) {
  const create = useCreateApiKey();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [roles, setRoles] = useState<string[]>(["member"]);
  const [errors, setErrors] = useState<{ form?: string; name?: string; roles?: string; expiresAt?: string }>({});

  const close = () => {
    setCreated(null);
    setErrors({});
    setRoles(["member"]);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const expires = String(data.get("expiresAt") ?? "");
    const found: typeof errors = {};
    if (!name) found.name = t("validation.required");
    if (roles.length === 0) found.roles = t("admin.users.pickRole");
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
    if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) found.expiresAt = t("admin.keys.expiryPast");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { name, roles, ...(expiresAt && { expiresAt }) },
      {
        onSuccess: (key) => setCreated(key),
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ form: errorMessage(error), ...(fields.name && { name: fields.name }), ...(fields.roles && { roles: fields.roles }) });
        },
      },
    );
  };

  if (created) {
    return (
      <SecretOnceDialog
        open={open}
        onClose={close}
        title={t("admin.keys.createdTitle", { name: created.name ?? "" })}
        warning={t("admin.keys.onceWarning")}
        hint={t("admin.keys.onceHint")}
        label={t("admin.keys.secret")}
        copyLabel={t("admin.keys.copySecret")}
        secret={created.key ?? ""}
      />
    );
  }

  return (
    <Dialog open={open} onClose={close} title={t("admin.keys.createTitle")} description={t("admin.keys.createDescription")}>
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4" aria-label={t("admin.keys.createTitle")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField label={t("admin.keys.name")} name="name" required autoComplete="off" error={errors.name} />
        <fieldset className="grid grid-cols-1 gap-2">
          <legend className="mb-1 text-sm font-medium">{t("admin.keys.roles")}</legend>
          {grantable.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={roles.includes(role)}
                onChange={(event) => setRoles(event.target.checked ? [...roles, role] : roles.filter((name) => name !== role))}
              />
              {roleLabel(role)}
            </label>
          ))}
          {errors.roles && <p className="text-sm text-destructive">{errors.roles}</p>}
        </fieldset>
        <FormField label={t("admin.keys.expiresOptional")} name="expiresAt" type="date" error={errors.expiresAt} hint={t("admin.keys.expiresHint")} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="outline" onClick={close}>
            {t("common.cancel")}
          </Button>
          <SubmitButton pending={create.isPending} pendingLabel={t("admin.keys.creating")}>
            {t("admin.keys.create")}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
