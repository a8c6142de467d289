import type { BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { openApp } from "./app-page";
import type { AppPage } from "./app-page";
import { tempDir } from "./fixtures";
import { startHoistServer } from "./server-process";
import type { HoistServer } from "./server-process";

type TempDir = Awaited<ReturnType<typeof tempDir>>;

/** What a test file's hooks set up: the server, the page on it, and a temp dir for the files it chooses. */
export interface WebSuite {
  readonly server: HoistServer;
  readonly app: AppPage;
  readonly files: TempDir;
}

/**
 * Registers beforeAll/afterAll hooks that start the zero-config server, open the web app in Chromium and make a
 * temp dir; the returned object's fields are valid inside tests. On a failure the server's output is printed.
 */
export function useWebSuite(options: { env?: Record<string, string>; context?: BrowserContextOptions } = {}): WebSuite {
  let server: HoistServer | undefined;
  let app: AppPage | undefined;
  let files: TempDir | undefined;
  beforeAll(async () => {
    files = await tempDir();
    server = await startHoistServer(options.env);
    app = await openApp(server, options.context);
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    await files?.remove();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up (beforeAll failed?)`);
    return value;
  };
  return {
    get server() {
      return ready(server, "server");
    },
    get app() {
      return ready(app, "app page");
    },
    get files() {
      return ready(files, "temp dir");
    },
  };
}

/**
 * Page errors and console errors, minus the console lines `allowed` names: Chromium logs every 4xx answer as
 * "Failed to load resource", which a test expecting a refusal allows explicitly.
 */
export function unexpectedErrors(app: AppPage, allowed: RegExp[] = []): string[] {
  const { pageErrors, consoleErrors } = app.recorder;
  return [...pageErrors, ...consoleErrors.filter((line) => !allowed.some((pattern) => pattern.test(line)))];
}
