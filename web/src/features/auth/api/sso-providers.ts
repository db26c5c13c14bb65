import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";

type WireProvider = components["schemas"]["OAuthProvider"];

/** A configured OAuth provider: `id` is the `{provider}` of its authorize URL, `name` its display name. */
export type OAuthProvider = { id: string; name: string; type: WireProvider["type"] };

/** The answer and the workspace it was asked for ("" when none). */
export type SsoOptions = { oauth: OAuthProvider[]; saml: boolean | null; tenant: string };

/** The value once it has stayed unchanged for `milliseconds`. */
function useDebounced<T>(value: T, milliseconds: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), milliseconds);
    return () => clearTimeout(timer);
  }, [value, milliseconds]);
  return debounced;
}

export const SSO_TENANT_DEBOUNCE_MS = 300;

/**
 * The single sign-on the server offers: its OAuth providers, and whether the workspace typed in
 * the form has SAML (asked again, debounced, when it changes). The previous answer stays while
 * the next loads, so the OAuth buttons do not flicker.
 */
export function useSsoOptions(tenant: string, enabled = true) {
  const slug = useDebounced(tenant.trim(), SSO_TENANT_DEBOUNCE_MS);
  return useQuery({
    queryKey: ["auth", "sso-providers", slug],
    queryFn: async (): Promise<SsoOptions> => {
      const answer = await call(api.GET("/api/v1/auth/providers", { params: { query: slug ? { tenant: slug } : {} } }));
      const oauth = (answer.oauth ?? []).flatMap((provider) =>
        provider.id ? [{ id: provider.id, name: provider.name || provider.id, type: provider.type }] : [],
      );
      return { oauth, saml: answer.saml ?? null, tenant: slug };
    },
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

/** Where single sign-on hands its one-time code back: the /sso/callback page of this app. */
export function ssoCallbackUrl(): string {
  return `${window.location.origin}/sso/callback`;
}

export function oauthAuthorizeUrl(provider: string, tenant: string): string {
  const query = new URLSearchParams({ tenant, redirectUri: ssoCallbackUrl() });
  return `${window.location.origin}/api/v1/auth/oauth/${encodeURIComponent(provider)}/authorize?${query.toString()}`;
}

export function samlLoginUrl(tenant: string): string {
  const query = new URLSearchParams({ redirectUri: ssoCallbackUrl() });
  return `${window.location.origin}/api/v1/auth/saml/${encodeURIComponent(tenant)}/login?${query.toString()}`;
}
