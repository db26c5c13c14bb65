import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useJobs, type Job } from "../api/admin-api";
import { formatInterval } from "../components/format";

function OutcomeBadge({ job }: { job: Job }) {
  if (job.running) return <Badge>{t("admin.jobs.running")}</Badge>;
  if (!job.lastOutcome) return <Badge variant="outline">{t("admin.jobs.notRun")}</Badge>;
  return job.lastOutcome === "succeeded" ? (
    <Badge variant="success">{t("admin.jobs.succeeded")}</Badge>
  ) : job.lastOutcome === "failed" ? (
    <Badge variant="destructive">{t("admin.jobs.failed")}</Badge>
  ) : (
    <Badge variant="outline">{job.lastOutcome}</Badge>
  );
}

/** The server's background jobs and their last runs (refreshed every 15 s). */
export function JobsPage() {
  const jobs = useJobs();
  return (
    <section>
      <PageHeader title={t("admin.jobs.title")} description={t("admin.jobs.description")} />
      {jobs.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : jobs.isError ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.length === 0 ? (
        <EmptyState title={t("admin.jobs.empty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("admin.jobs.title")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("admin.jobs.name")}</TableHead>
              <TableHead>{t("admin.jobs.schedule")}</TableHead>
              <TableHead>{t("admin.jobs.lastRun")}</TableHead>
              <TableHead>{t("admin.jobs.outcome")}</TableHead>
              <TableHead>{t("admin.jobs.nextRun")}</TableHead>
              <TableHead>{t("admin.jobs.pending")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.data.map((job) => (
              <TableRow key={job.name}>
                <TableCell>
                  <span className="font-mono">{job.name}</span>
                  {job.kind && <p className="text-xs text-muted-foreground">{job.kind}</p>}
                </TableCell>
                <TableCell className="whitespace-nowrap" title={job.interval}>{formatInterval(job.interval)}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(job.lastRunAt, { fallback: t("admin.never") })}
                  {job.lastNode && <p className="text-xs text-muted-foreground">{t("admin.jobs.node", { node: job.lastNode })}</p>}
                </TableCell>
                <TableCell>
                  <OutcomeBadge job={job} />
                  {job.lastError && <p className="mt-1 max-w-sm text-xs text-destructive">{job.lastError}</p>}
                </TableCell>
                <TableCell className="whitespace-nowrap">{job.nextRunAt ? formatDateTime(job.nextRunAt) : "—"}</TableCell>
                <TableCell>{job.pending ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
