import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";
import { auditQueryOf, type AuditFilters } from "./audit-query";

export type ShardType = components["schemas"]["ShardType"];
export type ShardTypeDefinition = components["schemas"]["ShardTypeDefinition"];
export type User = components["schemas"]["User"];
export type ApiKey = components["schemas"]["ApiKey"];
export type CreatedApiKey = components["schemas"]["CreatedApiKey"];
export type Webhook = components["schemas"]["Endpoint"];
export type CreatedWebhook = components["schemas"]["CreatedEndpoint"];
export type Delivery = components["schemas"]["Delivery"];
export type Job = components["schemas"]["JobView"];
export type NotificationRule = components["schemas"]["NotificationRule"];
export type AuditRecord = components["schemas"]["AuditRecord"];
export type ChainVerification = components["schemas"]["ChainVerification"];
export type SamlConfiguration = components["schemas"]["View"];

export type ApiKeyInput = components["schemas"]["CreateApiKeyRequest"];
export type NotificationRuleInput = components["schemas"]["CreateNotificationRuleRequest"];
type WebhookCreateBody = components["schemas"]["CreateWebhookRequest"];

export const adminKeys = {
  shardTypes: ["admin", "shard-types"] as const,
  shardType: (name: string) => ["admin", "shard-types", name] as const,
  users: ["admin", "users"] as const,
  apiKeys: ["admin", "api-keys"] as const,
  webhooks: ["admin", "webhooks"] as const,
  deliveries: (id: string) => ["admin", "webhooks", id, "deliveries"] as const,
  jobs: ["admin", "jobs"] as const,
  rules: ["admin", "notification-rules"] as const,
  saml: ["admin", "sso", "saml"] as const,
  audit: (filters: AuditFilters) => ["admin", "audit", filters] as const,
  verify: ["admin", "audit", "verify"] as const,
};

// ---- shard types

export function useShardTypes() {
  return useQuery({
    queryKey: adminKeys.shardTypes,
    queryFn: async () => (await call(api.GET("/api/v1/shard-types"))).items ?? [],
  });
}

export function useShardType(name: string, enabled = true) {
  return useQuery({
    queryKey: adminKeys.shardType(name),
    enabled: enabled && name !== "",
    queryFn: () => call(api.GET("/api/v1/shard-types/{name}", { params: { path: { name } } })),
  });
}

export function useSaveShardType(existing?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ definition, force }: { definition: ShardTypeDefinition; force?: boolean }) =>
      existing
        ? call(api.PUT("/api/v1/shard-types/{name}", { params: { path: { name: existing }, query: { force: !!force } }, body: definition }))
        : call(api.POST("/api/v1/shard-types", { body: definition })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.shardTypes });
      if (saved.name) queryClient.setQueryData(adminKeys.shardType(saved.name), saved);
    },
  });
}

export function useDeleteShardType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call(api.DELETE("/api/v1/shard-types/{name}", { params: { path: { name } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.shardTypes }),
  });
}

// ---- users and invitations

/** Every user of the tenant, page by page (tenants are small enough to list whole). */
export function useUsers() {
  return useInfiniteQuery({
    queryKey: adminKeys.users,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET("/api/v1/users", { params: { query: { limit: 100, ...(pageParam && { cursor: pageParam }) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name?: string; roles: string[] }) => call(api.POST("/api/v1/users", { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useResendInvitation() {
  return useMutation({
    mutationFn: (id: string) => call(api.POST("/api/v1/users/{id}/invitation", { params: { path: { id } } })),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { roles?: string[]; status?: "active" | "deactivated"; name?: string } }) =>
      call(api.PATCH("/api/v1/users/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useRemoveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/api/v1/users/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

// ---- API keys

export function useApiKeys() {
  return useInfiniteQuery({
    queryKey: adminKeys.apiKeys,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET("/api/v1/api-keys", { params: { query: { limit: 100, ...(pageParam && { cursor: pageParam }) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export async function createApiKey(input: ApiKeyInput): Promise<CreatedApiKey> {
  return call(api.POST("/api/v1/api-keys", { body: input }));
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    // The answer holds the secret: dropped from the mutation cache as soon as no one watches it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/api/v1/api-keys/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys }),
  });
}

// ---- webhooks

export function useWebhooks() {
  return useQuery({
    queryKey: adminKeys.webhooks,
    queryFn: async () => (await call(api.GET("/api/v1/webhooks", { params: { query: { limit: 200 } } }))).items ?? [],
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookCreateBody) => call(api.POST("/api/v1/webhooks", { body: input })),
    // The answer holds the signing secret (shown once): not kept in the cache.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.webhooks }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { enabled?: boolean; events?: string[]; url?: string } }) =>
      call(api.PATCH("/api/v1/webhooks/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.webhooks }),
  });
}

export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.deliveries(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/webhooks/{id}/deliveries", {
          params: { path: { id }, query: { limit: 50, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useRedeliver(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      call(api.POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", { params: { path: { id: webhookId, deliveryId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.deliveries(webhookId) }),
  });
}

// ---- jobs, notification rules, SSO

export function useJobs() {
  return useQuery({
    queryKey: adminKeys.jobs,
    queryFn: async () => (await call(api.GET("/api/v1/jobs"))).items ?? [],
    refetchInterval: 15_000,
  });
}

export function useNotificationRules() {
  return useQuery({
    queryKey: adminKeys.rules,
    queryFn: async () => (await call(api.GET("/api/v1/notification-rules"))).items ?? [],
  });
}

export function useCreateNotificationRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NotificationRuleInput) =>
      call(api.POST("/api/v1/notification-rules", { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.rules }),
  });
}

export function useDeleteNotificationRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/api/v1/notification-rules/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.rules }),
  });
}

/** The tenant's SAML configuration, or null when none is set (the API answers 404). */
export function useSamlConfiguration() {
  return useQuery({
    queryKey: adminKeys.saml,
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/sso/saml");
      if (response.status === 404) return null;
      return call(Promise.resolve({ data, response }));
    },
  });
}

// ---- audit log

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET("/api/v1/audit-logs", { params: { query: auditQueryOf(filters, pageParam) } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useChainVerification() {
  return useQuery({
    queryKey: adminKeys.verify,
    queryFn: () => call(api.GET("/api/v1/audit-logs/verify")),
  });
}
