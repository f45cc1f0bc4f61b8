import type { TestHubcap, WorldFile } from "../../src/testing/index.js";
import { WORLD } from "../helpers/hubcap.js";

/** Client secrets of the OAuth tests' apps (hubcap keeps only their hashes). */
export const SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
export const SECOND_SECRET = "fedcba98765432100123456789abcdef01234567";
export const OTHER_SECRET = "1111111111111111111111111111111111111111";
export const FOREVER_SECRET = "2222222222222222222222222222222222222222";
export const CALLBACK = "https://app.example.com/auth/callback";
export const LOOPBACK = "http://127.0.0.1/callback";

/**
 * The shared world, with the apps' OAuth settings: octoapp signs people in (two secrets, two callback
 * URLs, the device flow on); private-app is another app whose tokens octoapp must not touch;
 * forever-app opted out of expiring tokens. mona reaches octo-org's installation only by collaborating
 * on secret-plans (docs is not in it).
 */
export const OAUTH_WORLD: WorldFile = {
  ...WORLD,
  users: [...WORLD.users!, { login: "mona", token: "ghp_monaPersonalToken000000000000000000" }],
  repos: WORLD.repos!.map((r) =>
    r.full_name === "octo-org/secret-plans" || r.full_name === "octo-org/docs"
      ? { ...r, collaborators: { mona: "push" as const } }
      : r,
  ),
  apps: [
    {
      ...WORLD.apps![0]!,
      client_id: "Iv1.octoapp0client",
      client_secrets: [SECRET, SECOND_SECRET],
      callback_urls: [CALLBACK, LOOPBACK],
      enable_device_flow: true,
    },
    {
      ...WORLD.apps![1]!,
      client_id: "Iv1.privateapp0client",
      client_secret: OTHER_SECRET,
      callback_urls: [CALLBACK],
    },
    {
      slug: "forever-app",
      owner: "octo-org",
      client_id: "Iv1.foreverapp0client",
      client_secret: FOREVER_SECRET,
      callback_urls: [CALLBACK],
      expire_user_tokens: false,
    },
  ],
  installations: [
    ...WORLD.installations!,
    { app: "forever-app", account: "octo-org", repository_selection: "all" },
  ],
};

/** The person's part of the web flow, through the testing library (the consent page's domain call). */
export function authorizeAs(hubcap: TestHubcap, login: string, authorizationUrl: string): Promise<URL> {
  return hubcap.authorizeApp(login, authorizationUrl);
}

/** A code for `login` authorizing `clientId`, as the callback receives it. */
export async function codeFor(
  hubcap: TestHubcap,
  login: string,
  clientId: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const query = new URLSearchParams({ client_id: clientId, ...extra });
  const back = await authorizeAs(hubcap, login, `${hubcap.url}/login/oauth/authorize?${query}`);
  return back.searchParams.get("code")!;
}
