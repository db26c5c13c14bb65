import { useState } from "react";
import { useNavigate } from "@tanstack/react-router";
import { Ellipsis } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { useDeleteDashboard, useDuplicateDashboard, usePatchDashboard, useSetDefaultDashboard } from "../api/dashboards-api";
import type { Dashboard } from "../api/types";
import { DashboardSettingsDialog } from "./dashboard-settings-dialog";

type Props = {
  dashboard: Dashboard;
  editable: boolean;
  isDefault: boolean;
  /** Open the dashboard from the menu (in the list, not on the dashboard itself). */
  showOpen?: boolean;
  /** Where to go after the dashboard is deleted, if anywhere. */
  afterDelete?: () => void;
};

/** A dashboard's menu: open, settings (rename, visibility), duplicate, default, delete. */
export function DashboardActions({ dashboard, editable, isDefault, showOpen, afterDelete }: Props) {
  const navigate = useNavigate();
  const notify = useToast();
  const patch = usePatchDashboard();
  const duplicate = useDuplicateDashboard();
  const remove = useDeleteDashboard();
  const setDefault = useSetDefaultDashboard();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const onDuplicate = () =>
    duplicate.mutate(dashboard.id, {
      onSuccess: (copy) => {
        notify(t("dashboards.duplicated", { name: copy.name }));
        void navigate({ to: "/dashboards/$id", params: { id: copy.id } });
      },
      onError: (error) => notify(errorMessage(error), "error"),
    });

  const onDefault = () =>
    setDefault.mutate(isDefault ? null : dashboard.id, {
      onSuccess: () => notify(isDefault ? t("dashboards.defaultCleared") : t("dashboards.defaultSet", { name: dashboard.name })),
      onError: (error) => notify(errorMessage(error), "error"),
    });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" aria-label={t("dashboards.actions", { name: dashboard.name })}>
            <Ellipsis aria-hidden="true" className="size-4" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {showOpen && (
            <DropdownMenuItem onSelect={() => void navigate({ to: "/dashboards/$id", params: { id: dashboard.id } })}>
              {t("dashboards.open")}
            </DropdownMenuItem>
          )}
          {editable && <DropdownMenuItem onSelect={() => setSettingsOpen(true)}>{t("dashboards.settings.open")}</DropdownMenuItem>}
          <DropdownMenuItem onSelect={onDuplicate}>{t("dashboards.duplicate")}</DropdownMenuItem>
          <DropdownMenuItem onSelect={onDefault}>{isDefault ? t("dashboards.clearDefault") : t("dashboards.makeDefault")}</DropdownMenuItem>
          {editable && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem className="text-destructive" onSelect={() => setConfirmDelete(true)}>
                {t("common.delete")}
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <DashboardSettingsDialog
        open={settingsOpen}
        dashboard={dashboard}
        pending={patch.isPending}
        error={patch.error}
        onClose={() => {
          patch.reset();
          setSettingsOpen(false);
        }}
        onSubmit={(settings) =>
          patch.mutate(
            { dashboard, patch: settings },
            {
              onSuccess: () => {
                setSettingsOpen(false);
                notify(t("dashboards.saved"));
              },
            },
          )
        }
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t("dashboards.delete.title", { name: dashboard.name })}
        description={t("dashboards.delete.body")}
        confirmLabel={t("common.delete")}
        destructive
        pending={remove.isPending}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(dashboard, {
            onSuccess: () => {
              setConfirmDelete(false);
              notify(t("dashboards.deleted", { name: dashboard.name }));
              afterDelete?.();
            },
            onError: (error) => {
              setConfirmDelete(false);
              notify(errorMessage(error), "error");
            },
          })
        }
      />
    </>
  );
}
