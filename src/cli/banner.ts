import type { AppliedWorld } from "../domain/world.js";
import { DEMO_CALLBACK_URL, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER_TOKEN } from "../demo.js";

/**
 * Where hubcap listens, as bound: a wildcard address says so (an operator who wrote `--host 0.0.0.0`
 * must not read 127.0.0.1 and believe hubcap is private), and where clients reach it, when that differs.
 */
export function listeningBanner(server: { url: string; listening: string; adminTokenFile: string }): string {
  const reached = server.listening === server.url ? "" : `; clients reach it at ${server.url}`;
  return [
    `hubcap is listening on ${server.listening} (the REST API also answers under ${server.url}/api/v3${reached})`,
    `Overview page (the world at a glance, after signing in): ${server.url}/hubcap`,
    `The site administrator's token (for the administration API and the CLI) is in ${server.adminTokenFile}`,
  ].join("\n");
}

/** `--demo-public`: said once more, after the credentials, so that nobody misses it. */
export function publicDemoWarning(listening: string): string {
  return `WARNING: --demo-public: the demo world's public credentials above are accepted from anyone who can reach ${listening}. Anyone can administer this hubcap.`;
}

/**
 * What a newcomer needs for a first call against the demo world. Over HTTPS from hubcap's CA
 * (`caFile`), Node must be told to trust it, and reads NODE_EXTRA_CA_CERTS only as it starts.
 */
export function demoBanner(url: string, demo: AppliedWorld, caFile?: string): string {
  const app = demo.apps[0]!;
  const installation = demo.installations[0]!;
  return `
Demo world — these credentials are for demonstration only; never reuse them anywhere real:
  app            ${app.slug} (id ${app.id}, client id ${app.clientId})
  private key    ${app.privateKeyFile}
  installations  ${demo.installations.map((i) => `${i.id} on ${i.account}`).join(", ")}
  user token     ${DEMO_USER_TOKEN} (octocat, site admin)
  web sign-in    ${url}/login as octocat, password ${DEMO_PASSWORD} (demonstration only)
  overview       ${url}/hubcap (the world at a glance; a browser opening ${url} goes there)
  sign in with   client secret ${DEMO_CLIENT_SECRET}, callback ${DEMO_CALLBACK_URL} (any port), device flow on

First call, with @octokit/app (npm install @octokit/app @octokit/core): save this as first-call.mjs
(an ES module: it uses import and top-level await) and run \`${caFile ? `NODE_EXTRA_CA_CERTS=${caFile} ` : ""}node first-call.mjs\`:

  import { readFileSync } from "node:fs";
  import { App } from "@octokit/app";
  import { Octokit } from "@octokit/core";

  const app = new App({
    appId: ${app.id},
    privateKey: readFileSync(${JSON.stringify(app.privateKeyFile)}, "utf8"),
    Octokit: Octokit.defaults({ baseUrl: "${url}/api/v3" }),
  });
  const { data } = await app.octokit.request("GET /app");
  console.log("authenticated as", data.slug);
  const octokit = await app.getInstallationOctokit(${installation.id});
  const repos = await octokit.request("GET /installation/repositories");
  console.log(repos.data.repositories.map((r) => r.full_name));
`;
}
