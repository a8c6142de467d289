import { useCallback, useEffect, useState } from "react";

/** Where a pasted token lives: this tab only, gone when it closes (never localStorage, never the bundle). */
const TOKEN_KEY = "hoist.token";

/** Where the page stands with its API token. */
export type AuthState =
  | { status: "checking" }
  | { status: "signed-in"; token: string; source: "dev" | "pasted" }
  | { status: "signed-out"; devAvailable: boolean; error?: string };

/** GET /dev/token: the demo token in dev mode; undefined when the server has none (jwt mode answers 404). */
async function fetchDevToken(): Promise<string | undefined> {
  const response = await fetch("/dev/token", { cache: "no-store", headers: { accept: "application/json" } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`the server answered ${String(response.status)} for /dev/token`);
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || !("token" in body) || typeof body.token !== "string") {
    throw new Error("the server's /dev/token answer has no token");
  }
  return body.token;
}

function stored(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/**
 * The page's token: one pasted earlier in this tab, else the server's demo token (dev mode), else none (jwt mode:
 * the person pastes a token their host application issued). A host app would pass its own `getToken` instead.
 */
export function useAuth() {
  const [state, setState] = useState<AuthState>({ status: "checking" });
  const check = useCallback(async (useDev: boolean, refused?: string) => {
    const pasted = stored();
    if (pasted !== undefined) {
      setState({ status: "signed-in", token: pasted, source: "pasted" });
      return;
    }
    try {
      const token = await fetchDevToken();
      if (token !== undefined && useDev) setState({ status: "signed-in", token, source: "dev" });
      else setState({ status: "signed-out", devAvailable: token !== undefined, ...(refused !== undefined && { error: refused }) });
    } catch (error) {
      setState({ status: "signed-out", devAvailable: false, error: `Could not reach the Hoist server: ${(error as Error).message}` });
    }
  }, []);
  useEffect(() => {
    void check(true);
  }, [check]);
  const signIn = useCallback((token: string) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    setState({ status: "signed-in", token, source: "pasted" });
  }, []);
  /** Forgets the token; `refused` says why when the server refused it (shown on the sign-in form). */
  const signOut = useCallback((refused?: string) => {
    sessionStorage.removeItem(TOKEN_KEY);
    void check(false, refused);
  }, [check]);
  const useDemo = useCallback(() => {
    void check(true);
  }, [check]);
  return { state, signIn, signOut, useDemo };
}
