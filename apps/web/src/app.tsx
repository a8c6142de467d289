import { HoistProvider } from "@hoist/react";
import { useAuth } from "./auth";
import { SignIn } from "./sign-in";
import { UploadPage } from "./upload-page";

/** The whole page: a header, then the sign-in form or the upload page for the current token. */
export function App() {
  const { state, signIn, signOut, useDemo } = useAuth();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Hoist</h1>
        {state.status === "signed-in" && (
          <div className="app-account">
            <span className="hoist-muted">{state.source === "dev" ? "Demo user" : "Signed in"}</span>
            <button type="button" className="hoist-button" onClick={() => { signOut(); }}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="app-main">
        {state.status === "checking" && <p className="hoist-muted">Connecting…</p>}
        {state.status === "signed-out" && <SignIn onSignIn={signIn} devAvailable={state.devAvailable} onUseDemo={useDemo} error={state.error} />}
        {state.status === "signed-in" && (
          // Keyed by token: another user gets fresh caches and a fresh queue.
          <HoistProvider key={state.token} getToken={() => state.token}>
            <UploadPage onTokenRefused={(message) => { signOut(`The server refused this token: ${message}`); }} />
          </HoistProvider>
        )}
      </main>
    </div>
  );
}
