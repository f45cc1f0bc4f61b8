// The README's "Signing in with GitHub" example, run as printed: `createApp` must give it a client secret.
import { OAuthApp } from "@octokit/oauth-app";
import { Octokit } from "@octokit/core";
import ts from "typescript";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "hubcap/testing";
import { readmeBlocks } from "./readme-blocks.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await startHubcap({ world: { users: [{ login: "octocat" }] } });
});
afterAll(() => hubcap.close());

it("signs octocat in with the web flow, using the client secret createApp returns", async () => {
  const [example] = readmeBlocks("## Signing in with GitHub", "ts");
  expect(example).toContain("hubcap.createApp(");
  // The example is TypeScript (a `!`); what runs is what tsc makes of it, in a function given its names.
  const js = ts.transpileModule(`${example}\nreturn authentication;`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<{ token: string; clientSecret: string }>;
  const run = new AsyncFunction("hubcap", "OAuthApp", "Octokit", js);
  const authentication = await run(hubcap, OAuthApp, Octokit);
  expect(authentication.token).toMatch(/^ghu_/);
  const { data } = await new Octokit({ baseUrl: hubcap.url, auth: authentication.token }).request(
    "GET /user",
  );
  expect(data.login).toBe("octocat");
});

it("returns a client secret from createApp that authenticates the app's client id", async () => {
  const app = await hubcap.createApp({ name: "Secretive", owner: "octocat" });
  expect(app.clientSecret).toMatch(/^[0-9a-f]{40}$/);
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64");
  // Checking an unknown token with the right credentials is 404; with wrong ones it would be 401.
  const response = await fetch(`${hubcap.url}/applications/${app.clientId}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/json" },
    body: JSON.stringify({ access_token: "ghu_unknown0000000000000000000000000000" }),
  });
  expect(response.status).toBe(404);
});
