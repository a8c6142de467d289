import { useId, useState } from "react";

/** Props of {@link SignIn}. */
export interface SignInProps {
  onSignIn: (token: string) => void;
  /** The server has a demo token (dev mode): offer it back after signing out. */
  devAvailable: boolean;
  onUseDemo: () => void;
  error?: string | undefined;
}

/**
 * "Paste a token": in jwt mode the page has no way to get a token of its own; a host application would hand one
 * to `HoistProvider`'s `getToken`. The token is kept for this tab only (sessionStorage).
 */
export function SignIn({ onSignIn, devAvailable, onUseDemo, error }: SignInProps) {
  const [token, setToken] = useState("");
  const id = useId();
  return (
    <section className="card sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Sign in</h2>
      <p className="hoist-muted">Paste an access token (a JWT your Hoist server accepts). It stays in this tab only.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = token.trim();
          if (value !== "") onSignIn(value);
        }}
      >
        <label htmlFor={id}>Access token</label>
        <div className="sign-in-row">
          <input id={id} className="text-input" type="password" autoComplete="off" spellCheck={false} value={token} onChange={(event) => { setToken(event.currentTarget.value); }} />
          <button type="submit" className="hoist-button hoist-button-primary" disabled={token.trim() === ""}>
            Sign in
          </button>
        </div>
      </form>
      {devAvailable && (
        <button type="button" className="hoist-button" onClick={onUseDemo}>
          Use the demo token
        </button>
      )}
      {error !== undefined && (
        <p className="hoist-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
