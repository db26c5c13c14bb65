import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils";

type AlertProps = HTMLAttributes<HTMLDivElement> & { variant?: "error" | "info" | "success" };

/** A message box; errors are announced at once (role=alert), other messages politely. */
export function Alert({ className, variant = "info", ...props }: AlertProps) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        variant === "error" && "border-destructive/50 text-destructive",
        variant === "success" && "border-success/50 text-success",
        variant === "info" && "border-border text-foreground",
        className,
      )}
      {...props}
    />
  );
}
