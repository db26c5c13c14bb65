import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { t } from "@/lib/i18n";
import { cn } from "@/lib/utils";

type Toast = { id: number; message: string; variant: "info" | "success" | "error" };
type Notify = (message: string, variant?: Toast["variant"]) => void;

const ToastContext = createContext<Notify | null>(null);

/**
 * Short confirmations ("Saved", "Deleted") in a polite live region; errors in an assertive one.
 * Each disappears after a few seconds or when dismissed.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const notify = useCallback<Notify>(
    (message, variant = "success") => {
      const id = Date.now() + Math.random();
      setToasts((all) => [...all.slice(-3), { id, message, variant }]);
      setTimeout(() => dismiss(id), variant === "error" ? 8000 : 4000);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 grid w-[min(24rem,calc(100%-2rem))] gap-2">
        <div role="status" aria-live="polite" className="grid gap-2">
          {toasts.filter((toast) => toast.variant !== "error").map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert" aria-live="assertive" className="grid gap-2">
          {toasts.filter((toast) => toast.variant === "error").map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div
      className={cn(
        "pointer-events-auto flex items-start justify-between gap-3 rounded-md border bg-card px-4 py-3 text-sm shadow-md",
        toast.variant === "error" ? "border-destructive/50 text-destructive" : "border-border",
      )}
    >
      <span>{toast.message}</span>
      <button type="button" className="text-muted-foreground hover:text-foreground" onClick={() => onDismiss(toast.id)}>
        <span aria-hidden="true">×</span>
        <span className="sr-only">{t("common.dismiss")}</span>
      </button>
    </div>
  );
}

/** Shows a toast; outside a ToastProvider (some component tests) it does nothing. */
export function useToast(): Notify {
  return useContext(ToastContext) ?? (() => {});
}
