import { useState } from "react";
import { errorMessage } from "@/lib/api";
import { Button, type ButtonProps } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { useToast } from "./toast";

type ConfirmActionDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string | undefined;
  confirmLabel: string;
  /** False for a change that is easily made again (a revert), which then does not look dangerous. */
  destructive?: boolean;
  /** The change; it settles when the server has answered (a mutation's `mutateAsync`). */
  action: () => Promise<unknown>;
  /** The toast once it is done; none when the page says so itself (by leaving, say). */
  done?: string | undefined;
  onDone?: () => void;
};

/**
 * Asks before a change that is hard to undo, makes it, and says how it went: the done toast, or the
 * server's reason in an error toast. The dialog closes either way, so a failure is never hidden
 * behind it.
 */
export function ConfirmActionDialog({ open, onClose, destructive = true, action, done, onDone, ...dialog }: ConfirmActionDialogProps) {
  const notify = useToast();
  const [pending, setPending] = useState(false);
  const confirm = async () => {
    setPending(true);
    try {
      await action();
      if (done) notify(done);
      onDone?.();
    } catch (error) {
      notify(errorMessage(error), "error");
    } finally {
      setPending(false);
      onClose();
    }
  };
  return <ConfirmDialog {...dialog} open={open} onClose={onClose} destructive={destructive} pending={pending} onConfirm={() => void confirm()} />;
}

type ConfirmedActionProps = Omit<ConfirmActionDialogProps, "open" | "onClose" | "confirmLabel"> & {
  /** The button's text, and the confirming button's unless `confirmLabel` differs. */
  label: string;
  confirmLabel?: string;
  /** The button's accessible name where its text alone would not say which row it acts on. */
  ariaLabel?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
};

/** A button for a destructive change (revoke, delete, cancel) that asks first; see ConfirmActionDialog. */
export function ConfirmedAction({ label, confirmLabel = label, ariaLabel, variant = "outline", size = "sm", ...rest }: ConfirmedActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} size={size} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmActionDialog {...rest} confirmLabel={confirmLabel} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
