import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";
import { meQueryKey } from "./use-session";

export type SessionView = components["schemas"]["SessionView"];

export const sessionsKey = ["account", "sessions"] as const;

/** The signed-in person's sessions (`GET /auth/sessions`), the current one marked. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: async () => (await call(api.GET("/api/v1/auth/sessions"))).items ?? [],
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE("/api/v1/auth/sessions/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => call(api.POST("/api/v1/auth/password/change", { body: input })),
    // The server signs the other sessions out.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code?: string; password?: string }) => call(api.DELETE("/api/v1/auth/mfa/totp", { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
