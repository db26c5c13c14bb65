import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, cookieModeHeaders, startSession, type components } from "@/lib/api";
import { meQueryKey } from "./use-session";

export type SessionView = components["schemas"]["SessionView"];
export type TotpSetup = components["schemas"]["Setup"];

const sessionsKey = ["account", "sessions"] as const;
const preferencesKey = ["account", "notification-preferences"] as const;

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

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => call(api.POST("/api/v1/auth/mfa/totp/setup", { body: {} })),
  });
}

/** Turns TOTP on with a first code; answers the recovery codes (shown once). */
export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => {
      const enabled = await call(api.POST("/api/v1/auth/mfa/totp/enable", { body: { code }, headers: cookieModeHeaders }));
      // When the server starts a new session family with MFA on, keep its access token.
      if (enabled.accessToken) startSession(enabled);
      return enabled.recoveryCodes ?? [];
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code?: string; password?: string }) => call(api.DELETE("/api/v1/auth/mfa/totp", { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => call(api.GET("/api/v1/notifications/preferences")),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mutedEmailKinds: string[]) => call(api.PUT("/api/v1/notifications/preferences", { body: { mutedEmailKinds } })),
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved),
  });
}
