import { useMe } from "@/features/auth/api/use-session";
import { t } from "@/lib/i18n";

export function Home() {
  const me = useMe();
  const name = me.data?.user?.name || me.data?.user?.email || "";
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold">{t("home.title", { name })}</h1>
      {me.data?.tenant?.name && <p className="text-muted-foreground">{t("shell.tenant", { name: me.data.tenant.name })}</p>}
      <p>{t("home.body")}</p>
    </section>
  );
}
