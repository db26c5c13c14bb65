import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { t } from "@/lib/i18n";
import { CopyButton } from "./copy-button";

type SecretOnceDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  warning: string;
  hint: string;
  label: string;
  copyLabel: string;
  secret: string;
};

/** A new secret (API key, webhook signing secret) that the server returns once and never again. */
export function SecretOnceDialog({ open, onClose, title, warning, hint, label, copyLabel, secret }: SecretOnceDialogProps) {
  const id = useId();
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <div className="grid grid-cols-1 gap-4">
        <Alert variant="info" className="border-destructive/50">
          <strong>{warning}</strong> {hint}
        </Alert>
        <div className="grid grid-cols-1 gap-2">
          <Label htmlFor={id}>{label}</Label>
          <div className="flex gap-2">
            <Input id={id} readOnly value={secret} className="font-mono" onFocus={(event) => event.currentTarget.select()} />
            <CopyButton value={secret} label={copyLabel} />
          </div>
        </div>
        <div className="flex justify-end">
          <Button onClick={onClose}>{t("admin.keys.done")}</Button>
        </div>
      </div>
    </Dialog>
  );
}
