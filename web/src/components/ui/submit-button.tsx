import type { ReactNode } from "react";
import { Button } from "./button";

/** A form's submit button, disabled and relabelled while the submission is in flight. */
export function SubmitButton({ pending, pendingLabel, children }: { pending: boolean; pendingLabel: ReactNode; children: ReactNode }) {
  return (
    <Button type="submit" disabled={pending}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
