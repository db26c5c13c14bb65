import { t } from "@/lib/i18n";
import type { ImportProgress } from "../lib/run-import";

/** How far into the file the import is (by bytes read, the one total known before the end), with the counts. */
export function ImportProgressBar({ progress, total, done = false }: { progress: ImportProgress; total: number; done?: boolean }) {
  const percent = done ? 100 : total > 0 ? Math.min(100, Math.round((progress.bytesRead / total) * 100)) : 0;
  return (
    <div className="grid gap-2">
      <div
        role="progressbar"
        aria-label={t("imports.progress.label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("imports.progress.percent", { percent })}
        className="h-3 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {t("imports.progress.counts", { read: progress.rowsRead, created: progress.created, failed: progress.failed, percent })}
      </p>
    </div>
  );
}
