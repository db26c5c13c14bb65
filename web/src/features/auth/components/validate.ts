import { t } from "@/lib/i18n";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function required(value: string): string | undefined {
  return value.trim() ? undefined : t("validation.required");
}

export function email(value: string): string | undefined {
  return required(value) ?? (EMAIL.test(value.trim()) ? undefined : t("validation.email"));
}

export function newPassword(value: string): string | undefined {
  return required(value) ?? (value.length >= 8 && value.length <= 256 ? undefined : t("validation.passwordLength"));
}

/** The first error of each field; empty when every field is valid. */
export function validate<F extends string>(checks: Record<F, string | undefined>): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const [field, error] of Object.entries(checks) as [F, string | undefined][]) {
    if (error) {
      errors[field] = error;
    }
  }
  return errors;
}

/** Moves focus to the first invalid input of a form, so keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const first = form?.querySelector<HTMLInputElement>('[aria-invalid="true"]');
  first?.focus();
}
