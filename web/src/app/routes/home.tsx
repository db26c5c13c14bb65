import { useMe } from "@/features/auth/api/use-session";
import { HomeDashboard } from "@/features/dashboards/routes/home-dashboard";
import { t } from "@/lib/i18n";

/** The signed-in home: the user's default dashboard, or a welcome with a way to make one. */
export function Home() {
  const me = useMe();
  const name = me.data?.user?.name || me.data?.user?.email || "";
  return <HomeDashboard greeting={t("home.title", { name })} />;
}
