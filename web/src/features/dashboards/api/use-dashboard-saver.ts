import { useCallback, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { dashboardKeys, etagOf, patchDashboard, useStoreDashboard } from "./dashboards-api";
import type { Dashboard, DashboardInput } from "./types";

/**
 * Saves changes to one dashboard one after the other, each with If-Match on the revision the
 * previous save left (quick successive moves would otherwise race each other into 412s). The
 * patch is computed from the newest copy, so that it applies to what the server has. A 412 means
 * someone else changed the dashboard: it is reloaded, and the user told so.
 */
export function useDashboardSaver(dashboardId: string) {
  const queryClient = useQueryClient();
  const store = useStoreDashboard();
  const notify = useToast();
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const save = useCallback(
    (makePatch: (latest: Dashboard) => Partial<DashboardInput>, { quiet = false } = {}): Promise<Dashboard> => {
      const run = async () => {
        const latest = queryClient.getQueryData<Dashboard>(dashboardKeys.one(dashboardId));
        if (!latest) throw new Error("dashboard not loaded");
        try {
          const saved = await patchDashboard(dashboardId, etagOf(latest), makePatch(latest));
          store(saved);
          return saved;
        } catch (error) {
          if (error instanceof ApiError && error.status === 412) {
            await queryClient.invalidateQueries({ queryKey: dashboardKeys.one(dashboardId) });
            notify(t("dashboards.conflict"), "error");
          } else if (!quiet) {
            notify(errorMessage(error), "error");
          }
          throw error;
        }
      };
      const next = chain.current.then(run, run);
      chain.current = next.catch(() => undefined);
      return next;
    },
    [dashboardId, notify, queryClient, store],
  );

  return save;
}
