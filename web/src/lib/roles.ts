/** The tenant roles, from most to least powerful (API.md "Roles"). */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Whether someone with these roles may open the administration pages (owners and admins). */
export function canAdminister(roles: readonly string[] | undefined | null): boolean {
  return !!roles && (roles.includes("owner") || roles.includes("admin"));
}

/** The roles a person may grant: only owners make owners, as the server enforces. */
export function grantableRoles(actorRoles: readonly string[] | undefined | null): Role[] {
  if (!canAdminister(actorRoles)) return [];
  return actorRoles!.includes("owner") ? [...ROLES] : ROLES.filter((role) => role !== "owner");
}
