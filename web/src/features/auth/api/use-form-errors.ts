import { useState } from "react";
import { ApiError, errorMessage } from "@/lib/api";
import { t, type MessageKey } from "@/lib/i18n";

export type FormErrors<F extends string> = { form?: string | undefined; fields: Partial<Record<F, string>> };

/**
 * Maps an API error onto a form: problem `errors[].pointer` ("/email") onto the field of that
 * name when the form has it, the rest into one human message above the form.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  fieldNames: readonly F[],
  overrides: Partial<Record<number, MessageKey>> = {},
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  const unplaced: string[] = [];
  if (error instanceof ApiError) {
    for (const [field, message] of Object.entries(error.fieldErrors())) {
      if ((fieldNames as readonly string[]).includes(field)) {
        fields[field as F] = message;
      } else {
        unplaced.push(message);
      }
    }
  }
  const placed = Object.keys(fields).length > 0;
  let form: string | undefined;
  if (unplaced.length > 0) {
    form = unplaced.join(" ");
  } else if (placed) {
    form = t("error.fieldsBelow");
  } else {
    form = errorMessage(error, overrides);
  }
  return { form, fields };
}

export function useFormErrors<F extends string>() {
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {} });
  return [errors, setErrors] as const;
}
