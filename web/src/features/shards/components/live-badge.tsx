import { Badge } from "@/components/ui/badge";
import { t } from "@/lib/i18n";
import { useRealtimeReady } from "@/lib/realtime";

/** Says that the page follows changes as they happen (the live connection is up). */
export function LiveBadge() {
  const live = useRealtimeReady();
  return live ? (
    <Badge variant="success" title={t("shards.list.liveHint")}>
      {t("shards.list.live")}
    </Badge>
  ) : null;
}
