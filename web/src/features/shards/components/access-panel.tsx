import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { patchShard, shardKeys, useTenantUsers, type AclEntry, type Shard } from "../api/shards-api";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The shard's ACL: who besides the type's permissions may read or write it. Editable by those who
 * may write the shard (the server answers 403 otherwise); saved as a PATCH of `acl` with If-Match.
 */
export function AccessPanel({ shard, readOnly }: { shard: Shard; readOnly: boolean }) {
  const users = useTenantUsers();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [entries, setEntries] = useState<AclEntry[]>(shard.acl);
  const [adding, setAdding] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const dirty = JSON.stringify(entries) !== JSON.stringify(shard.acl);

  useEffect(() => {
    if (!dirty) setEntries(shard.acl);
    // Only a new server version resets the editor, and only when the user has nothing unsaved.
  }, [shard.revision]);

  const nameOf = (userId: string) => {
    const user = users.data?.find((u) => u.id === userId);
    return user ? user.name || user.email || userId : userId;
  };
  const others = (users.data ?? []).filter((user) => !entries.some((entry) => entry.userId === user.id));

  const setPermission = (userId: string, permission: "read" | "write", on: boolean) =>
    setEntries((all) =>
      all.map((entry) => {
        if (entry.userId !== userId) return entry;
        // Write needs read (the server says so too): ticking write ticks read, unticking read unticks write.
        if (permission === "write") return { ...entry, permissions: on ? ["read", "write"] : ["read"] };
        return { ...entry, permissions: on ? ["read"] : [] };
      }),
    );

  const add = () => {
    const userId = adding.trim();
    if (!userId || entries.some((entry) => entry.userId === userId)) return;
    setEntries((all) => [...all, { userId, permissions: ["read"] }]);
    setAdding("");
  };

  const save = async () => {
    setPending(true);
    setErrors([]);
    try {
      const acl = entries.filter((entry) => entry.permissions.length > 0);
      const saved = await patchShard(shard.id, { acl }, shard.revision);
      queryClient.setQueryData(shardKeys.detail(shard.id), saved);
      setEntries(saved.acl);
      notify(t("shards.access.saved"));
    } catch (error) {
      setErrors(error instanceof ApiError && error.problem.errors?.length ? error.problem.errors.map((e) => e.message) : [errorMessage(error)]);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">{t("shards.access.explain")}</p>
      {errors.length > 0 && (
        <Alert variant="error">
          <ul>
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground">{t("shards.access.empty")}</p>
      ) : (
        <Table>
          <caption className="sr-only">{t("shards.access.caption")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("shards.access.user")}</TableHead>
              <TableHead>{t("shards.access.read")}</TableHead>
              <TableHead>{t("shards.access.write")}</TableHead>
              <TableActionsHead label={t("shards.list.actions")} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.userId}>
                <TableCell className="break-all">{nameOf(entry.userId)}</TableCell>
                <TableCell>
                  <Checkbox
                    aria-label={t("shards.access.readFor", { user: nameOf(entry.userId) })}
                    checked={entry.permissions.includes("read")}
                    disabled={readOnly}
                    onChange={(event) => setPermission(entry.userId, "read", event.target.checked)}
                  />
                </TableCell>
                <TableCell>
                  <Checkbox
                    aria-label={t("shards.access.writeFor", { user: nameOf(entry.userId) })}
                    checked={entry.permissions.includes("write")}
                    disabled={readOnly}
                    onChange={(event) => setPermission(entry.userId, "write", event.target.checked)}
                  />
                </TableCell>
                <TableCell className="text-right">
                  {!readOnly && (
                    <Button size="sm" variant="outline" onClick={() => setEntries((all) => all.filter((e) => e.userId !== entry.userId))}>
                      {t("shards.access.remove")}
                      <span className="sr-only"> {nameOf(entry.userId)}</span>
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!readOnly && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid min-w-60 flex-1 gap-2">
            <Label htmlFor="acl-add">{t("shards.access.add")}</Label>
            {others.length > 0 ? (
              <Select id="acl-add" value={adding} onChange={(event) => setAdding(event.target.value)}>
                <option value="">{t("shards.form.choose")}</option>
                {others.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name ? `${user.name} (${user.email ?? ""})` : user.email ?? user.id}
                  </option>
                ))}
              </Select>
            ) : (
              <Input id="acl-add" value={adding} placeholder={t("shards.access.userIdPlaceholder")} onChange={(event) => setAdding(event.target.value)} />
            )}
          </div>
          <Button variant="outline" onClick={add} disabled={!UUID.test(adding.trim())}>
            {t("shards.access.addButton")}
          </Button>
          <Button onClick={() => void save()} disabled={!dirty || pending}>
            {pending ? t("common.saving") : t("shards.access.save")}
          </Button>
        </div>
      )}
    </div>
  );
}
