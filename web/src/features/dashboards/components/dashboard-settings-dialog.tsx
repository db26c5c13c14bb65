import { useEffect, useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import type { Dashboard, Visibility } from "../api/types";

export type DashboardSettings = { name: string; description: string; visibility: Visibility; roles: string[] };

const ROLES = ["owner", "admin", "member", "viewer"] as const;

type Props = {
  open: boolean;
  /** The dashboard changed, or undefined when creating one. */
  dashboard?: Dashboard | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (settings: DashboardSettings) => void;
  onClose: () => void;
};

/** A dashboard's name, description and who sees it: for a new dashboard and for changing one. */
export function DashboardSettingsDialog({ open, dashboard, pending, error, onSubmit, onClose }: Props) {
  const id = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("private");
  const [roles, setRoles] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | undefined>();

  useEffect(() => {
    if (!open) return;
    setName(dashboard?.name ?? "");
    setDescription(dashboard?.description ?? "");
    setVisibility((dashboard?.visibility as Visibility | undefined) ?? "private");
    setRoles(dashboard?.roles ?? []);
    setNameError(undefined);
  }, [open, dashboard]);

  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t("validation.required"));
      return;
    }
    onSubmit({ name: name.trim(), description, visibility, roles: visibility === "roles" ? roles : [] });
  };

  return (
    <Dialog open={open} onClose={onClose} title={dashboard ? t("dashboards.settings.title") : t("dashboards.create.title")}>
      <form onSubmit={submit} className="grid gap-4" noValidate>
        <FormField
          label={t("dashboards.settings.name")}
          name="name"
          required
          autoFocus
          maxLength={200}
          value={name}
          error={nameError ?? fieldErrors.name}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="grid gap-2">
          <Label htmlFor={`${id}-description`}>{t("dashboards.settings.description")}</Label>
          <Textarea id={`${id}-description`} maxLength={2000} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-visibility`}>{t("dashboards.settings.visibility")}</Label>
          <Select id={`${id}-visibility`} value={visibility} onChange={(event) => setVisibility(event.target.value as Visibility)}>
            <option value="private">{t("dashboards.visibility.private")}</option>
            <option value="tenant">{t("dashboards.visibility.tenant")}</option>
            <option value="roles">{t("dashboards.visibility.roles")}</option>
          </Select>
        </div>
        {visibility === "roles" && (
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("dashboards.settings.roles")}</legend>
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2 text-sm">
                <Checkbox
                  checked={roles.includes(role)}
                  onChange={(event) => setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
                />
                {t(`dashboards.role.${role}`)}
              </label>
            ))}
            {fieldErrors.roles && <p className="text-sm text-destructive">{fieldErrors.roles}</p>}
          </fieldset>
        )}
        {error !== null && error !== undefined && !fieldErrors.name && <Alert variant="error">{errorMessage(error)}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="outline" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : dashboard ? t("common.save") : t("dashboards.create.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
