import { useState, type FormEvent } from "react";
import { MoreHorizontal, UserPlus } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmActionDialog, ConfirmedAction } from "@/components/ui/confirmed-action";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/menu";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useMe } from "@/features/auth/api/use-session";
import { ApiError, errorMessage } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { grantableRoles, type Role } from "@/lib/roles";
import { roleLabel } from "../components/role-label";
import { useInviteUser, useRemoveUser, useResendInvitation, useUpdateUser, useUsers, type User } from "../api/admin-api";

/** The tenant's people: pending invitations, then members with their roles and status. */
export function UsersPage() {
  const users = useUsers();
  const me = useMe();
  const [inviting, setInviting] = useState(false);
  const all = users.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const pending = all.filter((user) => user.status === "invited");
  const members = all.filter((user) => user.status !== "invited");
  const myRoles = me.data?.user?.roles ?? [];

  return (
    <section className="grid grid-cols-1 gap-8">
      <PageHeader
        title={t("admin.users.title")}
        description={t("admin.users.description")}
        actions={
          <Button onClick={() => setInviting(true)}>
            <UserPlus aria-hidden="true" className="size-4" />
            {t("admin.users.invite")}
          </Button>
        }
      />
      <InviteDialog open={inviting} onClose={() => setInviting(false)} grantable={grantableRoles(myRoles)} />
      {users.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3">
            <h2 className="text-lg font-semibold">{t("admin.users.pending")}</h2>
            {pending.length === 0 ? (
              <EmptyState title={t("admin.users.noPending")} />
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("admin.users.email")}</TableHead>
                    <TableHead>{t("admin.users.roles")}</TableHead>
                    <TableHead>{t("admin.users.invitedAt")}</TableHead>
                    <TableActionsHead label={t("admin.actions")} />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {pending.map((user) => (
                    <PendingRow key={user.id} user={user} />
                  ))}
                </TableBody>
              </Table>
            )}
          </div>
          <div className="grid grid-cols-1 gap-3">
            <h2 className="text-lg font-semibold">{t("admin.users.members")}</h2>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("admin.users.name")}</TableHead>
                  <TableHead>{t("admin.users.email")}</TableHead>
                  <TableHead>{t("admin.users.roles")}</TableHead>
                  <TableHead>{t("admin.users.status")}</TableHead>
                  <TableHead>{t("admin.users.mfa")}</TableHead>
                  <TableActionsHead label={t("admin.actions")} />
                </TableRow>
              </TableHeader>
              <TableBody>
                {members.map((user) => (
                  <MemberRow key={user.id} user={user} isMe={user.id === me.data?.user?.id} grantable={grantableRoles(myRoles)} />
                ))}
              </TableBody>
            </Table>
          </div>
          {users.hasNextPage && (
            <Button variant="outline" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
              {t("admin.loadMore")}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function RoleBadges({ roles }: { roles: string[] | undefined }) {
  return (
    <span className="flex flex-wrap gap-1">
      {(roles ?? []).map((role) => (
        <Badge key={role} variant={role === "owner" || role === "admin" ? "default" : "secondary"}>
          {roleLabel(role)}
        </Badge>
      ))}
    </span>
  );
}

function RolePicker({ grantable, selected, onChange, legend }: { grantable: Role[]; selected: string[]; onChange: (roles: string[]) => void; legend: string }) {
  return (
    <fieldset className="grid grid-cols-1 gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {grantable.map((role) => (
        <label key={role} className="flex items-center gap-2 text-sm">
          <Checkbox
            name="roles"
            value={role}
            checked={selected.includes(role)}
            onChange={(event) => onChange(event.target.checked ? [...selected, role] : selected.filter((name) => name !== role))}
          />
          {roleLabel(role)}
        </label>
      ))}
    </fieldset>
  );
}

function InviteDialog({ open, onClose, grantable }: { open: boolean; onClose: () => void; grantable: Role[] }) {
  const invite = useInviteUser();
  const notify = useToast();
  const [roles, setRoles] = useState<string[]>(["member"]);
  const [errors, setErrors] = useState<{ form?: string; email?: string; roles?: string }>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const name = String(data.get("name") ?? "").trim();
    const found: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) found.email = t("validation.email");
    if (roles.length === 0) found.roles = t("admin.users.pickRole");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    invite.mutate(
      { email, roles, ...(name && { name }) },
      {
        onSuccess: () => {
          notify(t("admin.users.invited", { email }));
          setRoles(["member"]);
          onClose();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ form: errorMessage(error), ...(fields.email && { email: fields.email }), ...(fields.roles && { roles: fields.roles }) });
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={onClose} title={t("admin.users.inviteTitle")} description={t("admin.users.inviteDescription")}>
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4" aria-label={t("admin.users.inviteTitle")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField label={t("admin.users.email")} name="email" type="email" required autoComplete="off" error={errors.email} />
        <FormField label={t("admin.users.nameOptional")} name="name" autoComplete="off" />
        <RolePicker grantable={grantable} selected={roles} onChange={setRoles} legend={t("admin.users.roles")} />
        {errors.roles && <p className="text-sm text-destructive">{errors.roles}</p>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="outline" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <SubmitButton pending={invite.isPending} pendingLabel={t("admin.users.sending")}>
            {t("admin.users.sendInvitation")}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

function PendingRow({ user }: { user: User }) {
  const resend = useResendInvitation();
  const remove = useRemoveUser();
  const notify = useToast();
  return (
    <TableRow>
      <TableCell>{user.email}</TableCell>
      <TableCell>
        <RoleBadges roles={user.roles} />
      </TableCell>
      <TableCell className="whitespace-nowrap">{formatDateTime(user.createdAt, { fallback: t("admin.never") })}</TableCell>
      <TableCell className="text-right">
        <div className="flex justify-end gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={resend.isPending}
            aria-label={t("admin.users.resendTo", { email: user.email ?? "" })}
            onClick={() =>
              resend.mutate(user.id ?? "", {
                onSuccess: () => notify(t("admin.users.resent", { email: user.email ?? "" })),
                onError: (error) => notify(errorMessage(error), "error"),
              })
            }
          >
            {t("admin.users.resend")}
          </Button>
          <ConfirmedAction
            variant="ghost"
            label={t("admin.users.cancelInvitation")}
            ariaLabel={t("admin.users.cancelFor", { email: user.email ?? "" })}
            title={t("admin.users.cancelTitle", { email: user.email ?? "" })}
            action={() => remove.mutateAsync(user.id ?? "")}
            done={t("admin.users.cancelled", { email: user.email ?? "" })}
          />
        </div>
      </TableCell>
    </TableRow>
  );
}

function MemberRow({ user, isMe, grantable }: { user: User; isMe: boolean; grantable: Role[] }) {
  const update = useUpdateUser();
  const remove = useRemoveUser();
  const notify = useToast();
  const [dialog, setDialog] = useState<"roles" | "delete" | "deactivate" | null>(null);
  const [roles, setRoles] = useState<string[]>(user.roles ?? []);
  const deactivated = user.status === "deactivated";
  const who = user.name || user.email || "";
  // Only owners manage owners (the server says the same).
  const manageable = !isMe && (grantable.includes("owner") || !(user.roles ?? []).includes("owner"));

  const patch = (body: { roles?: string[]; status?: "active" | "deactivated" }, done: string) =>
    update.mutate(
      { id: user.id ?? "", patch: body },
      {
        onSuccess: () => notify(done),
        onError: (error) => notify(errorMessage(error), "error"),
        onSettled: () => setDialog(null),
      },
    );

  return (
    <TableRow>
      <TableCell>
        {user.name || "—"}
        {isMe && <span className="ml-2 text-xs text-muted-foreground">{t("admin.users.you")}</span>}
      </TableCell>
      <TableCell>{user.email}</TableCell>
      <TableCell>
        <RoleBadges roles={user.roles} />
      </TableCell>
      <TableCell>
        <Badge variant={deactivated ? "outline" : "success"}>{deactivated ? t("admin.users.deactivated") : t("admin.users.active")}</Badge>
      </TableCell>
      <TableCell>{user.mfaEnabled ? t("common.yes") : t("common.no")}</TableCell>
      <TableCell className="text-right">
        {manageable && (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm" aria-label={t("admin.users.actionsFor", { name: who })}>
                <MoreHorizontal aria-hidden="true" className="size-4" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem
                onSelect={() => {
                  setRoles(user.roles ?? []);
                  setDialog("roles");
                }}
              >
                {t("admin.users.changeRoles")}
              </DropdownMenuItem>
              {deactivated ? (
                <DropdownMenuItem onSelect={() => patch({ status: "active" }, t("admin.users.reactivated", { name: who }))}>
                  {t("admin.users.reactivate")}
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem onSelect={() => setDialog("deactivate")}>{t("admin.users.deactivate")}</DropdownMenuItem>
              )}
              <DropdownMenuItem onSelect={() => setDialog("delete")} className="text-destructive">
                {t("common.delete")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        )}
        <Dialog open={dialog === "roles"} onClose={() => setDialog(null)} title={t("admin.users.rolesTitle", { name: who })}>
          <form
            className="grid grid-cols-1 gap-4 text-left"
            onSubmit={(event) => {
              event.preventDefault();
              if (roles.length > 0) patch({ roles }, t("admin.users.rolesChanged", { name: who }));
            }}
          >
            <RolePicker grantable={grantable} selected={roles} onChange={setRoles} legend={t("admin.users.roles")} />
            {roles.length === 0 && <p className="text-sm text-destructive">{t("admin.users.pickRole")}</p>}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="outline" onClick={() => setDialog(null)}>
                {t("common.cancel")}
              </Button>
              <SubmitButton pending={update.isPending} pendingLabel={t("common.saving")}>
                {t("common.save")}
              </SubmitButton>
            </div>
          </form>
        </Dialog>
        <ConfirmActionDialog
          open={dialog === "deactivate"}
          onClose={() => setDialog(null)}
          title={t("admin.users.deactivateTitle", { name: who })}
          description={t("admin.users.deactivateBody")}
          confirmLabel={t("admin.users.deactivate")}
          action={() => update.mutateAsync({ id: user.id ?? "", patch: { status: "deactivated" } })}
          done={t("admin.users.deactivatedDone", { name: who })}
        />
        <ConfirmActionDialog
          open={dialog === "delete"}
          onClose={() => setDialog(null)}
          title={t("admin.users.deleteTitle", { name: who })}
          description={t("admin.users.deleteBody")}
          confirmLabel={t("common.delete")}
          action={() => remove.mutateAsync(user.id ?? "")}
          done={t("admin.users.deleted", { name: who })}
        />
      </TableCell>
    </TableRow>
  );
}
