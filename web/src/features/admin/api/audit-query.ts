/**
 * The audit log page's filters, as they live in the URL (so a filtered view can be shared and
 * survives a reload) and as they go to `GET /audit-logs`.
 */
export type AuditFilters = {
  actorId?: string | undefined;
  action?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  /** A calendar day, YYYY-MM-DD, in the viewer's time zone: from its first moment. */
  from?: string | undefined;
  /** A calendar day, YYYY-MM-DD: up to its last moment. */
  to?: string | undefined;
};

export type AuditQuery = {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const AUDIT_PAGE_SIZE = 50;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function day(value: unknown): string | undefined {
  const candidate = text(value);
  return candidate && DAY.test(candidate) && !Number.isNaN(new Date(`${candidate}T00:00:00`).getTime()) ? candidate : undefined;
}

/** The route's search parameters, keeping only well-formed filters. */
export function auditFiltersOf(search: Record<string, unknown>): AuditFilters {
  const actorId = text(search.actorId);
  return {
    actorId: actorId && isUuid(actorId) ? actorId.toLowerCase() : undefined,
    action: text(search.action),
    resourceType: text(search.resourceType),
    resourceId: text(search.resourceId),
    from: day(search.from),
    to: day(search.to),
  };
}

/** Start of a local calendar day, as the RFC 3339 instant the API takes. */
export function startOfDay(value: string): string {
  return new Date(`${value}T00:00:00`).toISOString();
}

/** Last millisecond of a local calendar day: "to 7 December" includes all of 7 December. */
export function endOfDay(value: string): string {
  return new Date(`${value}T23:59:59.999`).toISOString();
}

/** The query of one page of the audit log for these filters. */
export function auditQueryOf(filters: AuditFilters, cursor?: string, limit = AUDIT_PAGE_SIZE): AuditQuery {
  const query: AuditQuery = { limit };
  if (filters.actorId) query.actorId = filters.actorId;
  if (filters.action) query.action = filters.action;
  if (filters.resourceType) query.resourceType = filters.resourceType;
  if (filters.resourceId) query.resourceId = filters.resourceId;
  let { from, to } = filters;
  // A range typed backwards means the same days: swap rather than ask for an empty page.
  if (from && to && from > to) [from, to] = [to, from];
  if (from) query.from = startOfDay(from);
  if (to) query.to = endOfDay(to);
  if (cursor) query.cursor = cursor;
  return query;
}

/** Whether any filter is set (the page then offers to clear them). */
export function hasFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}
