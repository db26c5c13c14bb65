import { t, type MessageKey } from "@/lib/i18n";
import type { Role } from "@/lib/roles";

const ROLE_LABEL: Record<Role, MessageKey> = {
  owner: "admin.role.owner",
  admin: "admin.role.admin",
  member: "admin.role.member",
  viewer: "admin.role.viewer",
};

/** A role's name for people; an unknown role (a newer server) as it is. */
export function roleLabel(role: string): string {
  return role in ROLE_LABEL ? t(ROLE_LABEL[role as Role]) : role;
}
