import { writeFile } from "node:fs/promises";
import { skipBrowser } from "@hoist/browser-testing";
import { describe, expect, it } from "vitest";
import { chooseButton, chooseFiles, waitForState, waitUntilReady } from "./support/app-page";
import { unexpectedErrors, useWebSuite } from "./support/suite";

// The refused token's calls and the 404 of /dev/token are logged by Chromium as failed loads: expected here.
const EXPECTED_LOGS = [/Failed to load resource: the server responded with a status of (401|404)/];

describe.skipIf(skipBrowser())("the web app in Chromium: signing in with a pasted token (jwt mode)", () => {
  const suite = useWebSuite();

  it("asks for a token when the server has no demo token, refuses a bad one with the server's reason, and works with a good one", async () => {
    const { page } = suite.app;
    // A jwt-mode server has no /dev/token (404); answering that here keeps the server on loopback in dev mode.
    await page.route("**/dev/token", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.reload();
    const token = page.getByLabel("Access token");
    await token.waitFor();
    expect(await chooseButton(page).count()).toBe(0);
    await token.fill("not-a-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "The server refused this token" }).waitFor();
    await suite.app.shot("sign-in-refused");
    await token.fill(await suite.server.token());
    await page.getByRole("button", { name: "Sign in" }).click();
    await waitUntilReady(page);
    const path = suite.files.file("signed-in.txt");
    await writeFile(path, "uploaded with a pasted token\n");
    await chooseFiles(page, path);
    await waitForState(page, "signed-in.txt", "done");
    expect(unexpectedErrors(suite.app, EXPECTED_LOGS)).toEqual([]);
  });
});
