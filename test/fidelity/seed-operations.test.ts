import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap, WorldFile } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { codeFor } from "../oauth/world.js";
import { credentialOf, SEED_OPERATIONS, type Credential, type SeedOperation } from "./seed-operations.js";
import { exampleProblems } from "./seed-shapes.js";

/**
 * Every operation of the seed editions of GitHub's Apps API reference, called on a real hubcap with
 * the credential and Accept header its edition names: the documented status, and a body whose keys and
 * value types match the edition's example at every level (seed-operations.json, extracted by
 * scripts/extract-seed-operations.mjs; each case names its seed file, edition and line).
 *
 * The allowances are listed in seed-shapes.ts, each with its GitHub source.
 */

const CLIENT_ID = "Iv1.seedapp0client";
const CLIENT_SECRET = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";
const OCTOCAT_PAT = "ghp_octocatSeedToken000000000000000000";

const world: WorldFile = {
  users: [
    { login: "octocat", name: "The Octocat", email: "octocat@example.com", token: OCTOCAT_PAT },
    { login: "hubot" },
    { login: "mona" },
  ],
  orgs: [
    { login: "mona-org", members: ["mona"] },
    { login: "octo-org", billing_email: "billing@example.com", members: ["octocat"], admins: ["octocat"] },
  ],
  repos: [
    { full_name: "octo-org/hello-world", description: "My first repository" },
    { full_name: "octo-org/docs" },
    { full_name: "octocat/spoon-knife", private: true },
    { full_name: "hubot/scripts" },
  ],
  apps: [
    {
      slug: "octoapp",
      id: 1,
      name: "Octocat App",
      owner: "octo-org",
      public: true,
      description: "An app of the seeds",
      permissions: { metadata: "read", contents: "read", issues: "write", content_references: "write" },
      events: ["push", "pull_request", "content_reference"],
      content_references: ["errors.example.com"],
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      callback_urls: ["https://app.example.com/callback"],
      marketplace_plans: [
        {
          name: "Pro",
          description: "A professional-grade CI solution",
          price_model: "FLAT_RATE",
          monthly_price_in_cents: 1099,
          yearly_price_in_cents: 11870,
          has_free_trial: true,
          bullets: ["Up to 25 private repositories", "11 concurrent builds"],
        },
      ],
    },
  ],
  installations: [
    {
      app: "octoapp",
      account: "octo-org",
      id: 1,
      repository_selection: "selected",
      repositories: ["hello-world"],
    },
    { app: "octoapp", account: "octocat", id: 2, repository_selection: "all" },
  ],
  marketplace_purchases: [
    { app: "octoapp", account: "octo-org", plan: 1, billing_cycle: "monthly" },
    { app: "octoapp", account: "octocat", plan: 1, billing_cycle: "yearly" },
  ],
};

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world });
  const store = hubcap.hub.store;
  // mona asks her organization's owners for the app (GET /app/installation-requests lists it).
  const mona = (await store.findAccountByLogin("mona"))!;
  await hubcap.hub.installationRequests.request(1, (await store.findAccountByLogin("mona-org"))!, mona);
});
afterAll(async () => {
  await hubcap?.close();
});

const jwt = () =>
  `Bearer ${signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 540, iss: 1 }, hubcap.apps.octoapp!.privateKey)}`;
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

interface Answer {
  status: number;
  body: unknown;
}

async function send(
  method: string,
  path: string,
  accept: string,
  auth?: string,
  body?: unknown,
): Promise<Answer> {
  const base = path.startsWith("/_hubcap/") ? hubcap.url : `${hubcap.url}/api/v3`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept,
      "user-agent": "seed-operations",
      ...(auth && { authorization: auth }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

let installationCount = 0;
/** A fresh installation, for the operations that delete or suspend one. */
async function freshInstallation(): Promise<number> {
  const login = `seed-account-${++installationCount}`;
  await hubcap.apply({ users: [{ login }] });
  return hubcap.install("octoapp", login);
}

async function installationToken(installationId = 1): Promise<string> {
  const answer = await send(
    "POST",
    `/app/installations/${installationId}/access_tokens`,
    "application/vnd.github+json",
    jwt(),
  );
  return `token ${(answer.body as { token: string }).token}`;
}

/** A user-to-server token (`ghu_`) for octocat through the web flow. */
async function userToken(): Promise<string> {
  const code = await codeFor(hubcap, "octocat", CLIENT_ID);
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

let manifests = 0;
async function manifestCode(): Promise<string> {
  const octocat = (await hubcap.hub.store.findAccountByLogin("octocat"))!;
  const manifest = JSON.stringify({
    name: `Seed Manifest ${++manifests}`,
    url: "https://example.com/manifest",
    hook_attributes: { url: "https://example.com/hook" },
    redirect_url: "https://example.com/redirect",
    public: true,
    default_permissions: { issues: "write" },
    default_events: ["issues"],
  });
  const id = await hubcap.hub.appManifests.receive(manifest, null, undefined);
  return (await hubcap.hub.appManifests.create(id, octocat, octocat, `Seed Manifest ${manifests}`)).code;
}

async function accountId(login: string): Promise<number> {
  return (await hubcap.hub.store.findAccountByLogin(login))!.id;
}

async function planId(): Promise<number> {
  const answer = await send("GET", "/marketplace_listing/plans", "application/vnd.github+json", jwt());
  return (answer.body as Array<{ id: number }>)[0]!.id;
}

async function repositoryId(fullName: string): Promise<number> {
  const answer = await send(
    "GET",
    `/repos/${fullName}`,
    "application/vnd.github+json",
    `token ${OCTOCAT_PAT}`,
  );
  return (answer.body as { id: number }).id;
}

/**
 * The other credential an edition names for an operation: "OAuth Apps must use basic authentication
 * with their client ID and client secret" (the Marketplace listing), and "a personal access token
 * (which you can create via the command line or the OAuth Authorizations API or Basic Authentication)"
 * (adding and removing an installation's repositories): Basic with the login and the token.
 */
function alternativeCredentials(op: SeedOperation): Array<{ name: string; auth: string }> {
  if (op.path.startsWith("/marketplace_listing/"))
    return [{ name: "Basic client credentials", auth: basic(CLIENT_ID, CLIENT_SECRET) }];
  if (credentialOf(op.path) === "personal")
    return [{ name: "Basic login and personal token", auth: basic("octocat", OCTOCAT_PAT) }];
  return [];
}

/** The request each operation is called with: the path filled from the world, and a body. */
async function request(op: SeedOperation): Promise<{ path: string; body?: unknown }> {
  const key = `${op.method} ${op.path}`;
  switch (key) {
    case "POST /app-manifests/{code}/conversions":
      return { path: `/app-manifests/${await manifestCode()}/conversions` };
    case "GET /apps/{app_slug}":
      return { path: "/apps/octoapp" };
    case "DELETE /app/installations/{installation_id}":
    case "PUT /app/installations/{installation_id}/suspended":
      return { path: op.path.replace("{installation_id}", String(await freshInstallation())) };
    case "DELETE /app/installations/{installation_id}/suspended": {
      const id = await freshInstallation();
      await send("PUT", `/app/installations/${id}/suspended`, "application/vnd.github+json", jwt());
      return { path: `/app/installations/${id}/suspended` };
    }
    case "POST /app/installations/{installation_id}/access_tokens":
      // The current edition's sample asks for named repositories and permissions.
      return {
        path: "/app/installations/1/access_tokens",
        body: { repositories: ["hello-world"], permissions: { issues: "write", contents: "read" } },
      };
    case "GET /app/installations/{installation_id}":
      return { path: "/app/installations/1" };
    case "GET /orgs/{org}/installation":
      return { path: "/orgs/octo-org/installation" };
    case "GET /repos/{owner}/{repo}/installation":
      return { path: "/repos/octo-org/hello-world/installation" };
    case "GET /users/{username}/installation":
      return { path: "/users/octocat/installation" };
    case "DELETE /installation/token":
      return { path: op.path };
    case "POST /content_references/{content_reference_id}/attachments": {
      const { body } = await send(
        "POST",
        "/_hubcap/content_references",
        "application/json",
        `token ${hubcap.adminToken}`,
        {
          app: "octoapp",
          repository: "octo-org/hello-world",
          reference: "https://errors.example.com/1",
          sender: "octocat",
        },
      );
      return {
        path: `/content_references/${(body as { id: number }).id}/attachments`,
        body: {
          title: "[A-1234] Error found in core/models.py file",
          body: "You have used an email that already exists.",
        },
      };
    }
    case "GET /user/installations/{installation_id}/repositories":
      return { path: "/user/installations/1/repositories" };
    case "PUT /user/installations/{installation_id}/repositories/{repository_id}":
      return {
        path: `/user/installations/1/repositories/${await repositoryId("octo-org/docs")}`,
      };
    case "DELETE /user/installations/{installation_id}/repositories/{repository_id}": {
      const path = `/user/installations/1/repositories/${await repositoryId("octo-org/docs")}`;
      await send("PUT", path, "application/vnd.github+json", `token ${OCTOCAT_PAT}`);
      return { path };
    }
    case "GET /marketplace_listing/accounts/{account_id}":
    case "GET /marketplace_listing/stubbed/accounts/{account_id}":
      return { path: op.path.replace("{account_id}", String(await accountId("octo-org"))) };
    case "GET /marketplace_listing/plans/{plan_id}/accounts":
    case "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts":
      return { path: op.path.replace("{plan_id}", String(await planId())) };
    case "DELETE /applications/{client_id}/grants/{access_token}":
    case "GET /applications/{client_id}/tokens/{access_token}":
    case "POST /applications/{client_id}/tokens/{access_token}":
    case "DELETE /applications/{client_id}/tokens/{access_token}":
      return {
        path: op.path.replace("{client_id}", CLIENT_ID).replace("{access_token}", await userToken()),
      };
    case "POST /applications/{client_id}/token/scoped":
      return {
        path: `/applications/${CLIENT_ID}/token/scoped`,
        body: {
          access_token: await userToken(),
          target: "octo-org",
          permissions: { issues: "write", contents: "read" },
        },
      };
    default:
      break;
  }
  if (op.path.startsWith("/applications/{client_id}/")) {
    return {
      path: op.path.replace("{client_id}", CLIENT_ID),
      body: { access_token: await userToken() },
    };
  }
  if (op.path.includes("{")) throw new Error(`no request for ${key}`);
  return { path: op.path };
}

/** A credential of the kind an operation takes. */
async function credential(kind: Credential): Promise<string | undefined> {
  switch (kind) {
    case "jwt":
      return jwt();
    case "installation":
      return installationToken();
    case "client":
      return basic(CLIENT_ID, CLIENT_SECRET);
    case "personal":
      return `token ${OCTOCAT_PAT}`;
    case "user-to-server":
      return `token ${await userToken()}`;
    case "none":
      return undefined;
  }
}

/**
 * Where hubcap answers otherwise than an edition documents, on purpose; each is checked to be exactly
 * this difference, so a change shows up here.
 */
const KNOWN_DIFFERENCES: Record<string, { problem: RegExp; reason: string }> = {
  "POST /app-manifests/{code}/conversions application/vnd.github.fury-preview+json": {
    problem: /^status 201, documented 200: /,
    reason:
      "The fury editions are GitHub Enterprise Server's before 2.21 (docs: the fury preview notice shows " +
      'only for `enterprise-server ver_lt "enterprise-server@2.21"`) and document 200; every later edition ' +
      "(the Spanish one, docs.github.com) and GitHub's OpenAPI descriptions (api.github.com, GHES 3.17-3.19) " +
      "document 201, which hubcap answers whatever the Accept header.",
  },
};

describe("seed operations: each edition's status and example shape", () => {
  it("has the seeds' operations, each called with the credential its edition states", () => {
    expect(SEED_OPERATIONS.length).toBeGreaterThan(60);
    const stated = SEED_OPERATIONS.filter((op) => op.credential !== null && op.credential !== "bearer");
    expect(stated.length).toBeGreaterThan(50);
    for (const op of stated) expect(credentialOf(op.path), `${op.method} ${op.path}`).toBe(op.credential);
  });

  const cases = SEED_OPERATIONS.map(
    (op) =>
      [
        `${op.method} ${op.path} (${op.accept}) — ${op.sources.map((s) => `${s.file}:${s.line}`).join(", ")}`,
        op,
      ] as const,
  );
  it.each(cases)("%s", async (_name, op) => {
    const problems: string[] = [];
    for (const variant of [undefined, ...alternativeCredentials(op)]) {
      const { path, body } = await request(op);
      const auth = variant?.auth ?? (await credential(credentialOf(op.path)));
      const answer = await send(op.method, path, op.accept, auth, body);
      const found: string[] = [];
      if (answer.status !== op.status)
        found.push(`status ${answer.status}, documented ${op.status}: ${JSON.stringify(answer.body)}`);
      // The body is held to the example whenever the answer succeeded (a known status difference too).
      if (answer.status < 300) {
        if (op.body === null) {
          if (answer.body !== null) found.push(`a body where the edition shows none`);
        } else found.push(...exampleProblems(op, answer.body));
      }
      problems.push(...found.map((f) => (variant ? `with ${variant.name}: ${f}` : f)));
    }
    const where = op.sources.map((s) => `${s.file}:${s.line} (${s.edition})`).join("; ");
    const known = KNOWN_DIFFERENCES[`${op.method} ${op.path} ${op.accept}`];
    if (known) {
      expect(problems, `${where}: ${known.reason}`).toHaveLength(1);
      expect(problems[0], `${where}: ${known.reason}`).toMatch(known.problem);
      return;
    }
    expect(problems.join("\n"), where).toBe("");
  });
});
