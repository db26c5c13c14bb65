import { FormField } from "@/components/ui/form-field";
import { t } from "@/lib/i18n";

/** The field where a person chooses a password (sign up, reset, accepting an invitation), with the server's rule as its hint. */
export function NewPasswordField({ label = t("auth.password"), error }: { label?: string; error?: string }) {
  return (
    <FormField label={label} name="password" type="password" autoComplete="new-password" required hint={t("auth.passwordHint")} error={error} />
  );
}
