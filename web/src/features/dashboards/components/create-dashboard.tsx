import { useState } from "react";
import { useNavigate } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { t } from "@/lib/i18n";
import { useCreateDashboard } from "../api/dashboards-api";
import { DashboardSettingsDialog } from "./dashboard-settings-dialog";

/** "New dashboard": asks for a name and who sees it, creates it empty and opens it. */
export function CreateDashboardButton({ label = t("dashboards.create.open") }: { label?: string }) {
  const navigate = useNavigate();
  const create = useCreateDashboard();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        {label}
      </Button>
      <DashboardSettingsDialog
        open={open}
        pending={create.isPending}
        error={create.error}
        onClose={() => {
          create.reset();
          setOpen(false);
        }}
        onSubmit={(settings) =>
          create.mutate(
            { ...settings, layout: [], widgets: [] },
            {
              onSuccess: (dashboard) => {
                setOpen(false);
                void navigate({ to: "/dashboards/$id", params: { id: dashboard.id } });
              },
            },
          )
        }
      />
    </>
  );
}
