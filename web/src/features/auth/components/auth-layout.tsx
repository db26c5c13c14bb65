import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { t } from "@/lib/i18n";

type AuthLayoutProps = { title: string; description?: string | undefined; children: ReactNode; footer?: ReactNode };

/** The centred card of the sign-in pages. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted px-4 py-10">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-primary">{t("app.name")}</p>
        <Card>
          <CardHeader>
            <CardTitle>{title}</CardTitle>
            {description && <CardDescription>{description}</CardDescription>}
          </CardHeader>
          <CardContent>{children}</CardContent>
          {footer && <CardFooter className="flex-col items-start gap-2 text-sm">{footer}</CardFooter>}
        </Card>
      </div>
    </main>
  );
}
