import { useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import { getSessionState, subscribeSession, type SessionState } from "@/lib/api";
import { getMe } from "./auth-api";

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
}

export const meQueryKey = ["me"] as const;

/** The signed-in user and tenant (`GET /me`), fetched while a session is open. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: getMe,
    enabled: session.status === "signedIn",
    staleTime: 5 * 60_000,
  });
}
