import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { t } from "@/lib/i18n";

/** Copies `value` to the clipboard and says so; `label` names what is copied for screen readers. */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const notify = useToast();
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={label}
      onClick={() => {
        navigator.clipboard
          .writeText(value)
          .then(() => notify(t("admin.copied")))
          .catch(() => notify(t("admin.copyFailed"), "error"));
      }}
    >
      <Copy aria-hidden="true" className="size-4" />
      {t("admin.copy")}
    </Button>
  );
}
