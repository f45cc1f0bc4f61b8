import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let session: { cookie: string; csrfToken: string };
let octocat: number;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  // An app not yet installed anywhere, so that installing it fails only for the input's sake.
  await hubcap.apply({ apps: [{ slug: "bare", owner: "octocat", public: true }] });
  session = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
  octocat = (await hubcap.hub.store.findAccountByLogin("octocat"))!.id;
});
afterAll(() => hubcap?.close());

/** Posts a raw form body as hubcap's own page would (same origin, the session's token first). */
function post(path: string, body: string) {
  return fetch(`${hubcap.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: session.cookie,
      origin: hubcap.url,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: `authenticity_token=${encodeURIComponent(session.csrfToken)}&${body}`,
  });
}

describe("bad input to pages", () => {
  it("is answered with a 4xx page, never a 500, and changes nothing", async () => {
    const before = await hubcap.hub.store.dumpTables();
    const org = "/organizations/octo-org/settings";
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ["a field sent twice", () => post(`${org}/apps`, "name=a&name=b"), 400],
      ["a name too long", () => post(`${org}/apps`, `name=${"x".repeat(40)}`), 422],
      ["a text field of 3 kB", () => post(`${org}/apps`, `name=x&description=${"x".repeat(3000)}`), 400],
      [
        "an unknown permission level",
        () => post(`${org}/apps`, "name=x&permissions%5Bissues%5D=superuser"),
        422,
      ],
      ["a malformed event", () => post(`${org}/apps`, "name=x&events=Not%20An%20Event"), 422],
      [
        "a webhook URL that is not http",
        () => post(`${org}/apps`, "name=x&webhook_url=javascript:alert(1)"),
        422,
      ],
      ["an unknown app", () => post(`${org}/apps/nope`, "name=x"), 404],
      ["a key id that is not a number", () => post(`${org}/apps/octoapp/keys/abc/delete`, ""), 404],
      ["a key id beyond 2^53", () => post(`${org}/apps/octoapp/keys/99999999999999999999/delete`, ""), 404],
      ["another app's key", () => post(`${org}/apps/octoapp/keys/1000/delete`, ""), 404],
      ["a secret id of 0", () => post(`${org}/apps/octoapp/client_secrets/0/delete`, ""), 404],
      ["no target account", () => post("/apps/octoapp/installations", "repository_selection=all"), 404],
      [
        "a target that is not a number",
        () => post("/apps/octoapp/installations", "target_id=x&repository_selection=all"),
        404,
      ],
      ["no repository selection", () => post("/apps/bare/installations", `target_id=${octocat}`), 400],
      [
        "a selection of nothing",
        () => post("/apps/bare/installations", `target_id=${octocat}&repository_selection=selected`),
        422,
      ],
      [
        "a repository id that is not a number",
        () => post(`${org}/installations/1`, "repository_selection=selected&repository_ids=x"),
        400,
      ],
      [
        "another account's repository",
        () => post(`${org}/installations/1`, "repository_selection=selected&repository_ids=5"),
        422,
      ],
      [
        "an unknown repository",
        () => post(`${org}/installations/1`, "repository_selection=selected&repository_ids=9999"),
        422,
      ],
      ["an unknown installation", () => post(`${org}/installations/99999/delete`, ""), 404],
      ["an installation under another account", () => post(`/settings/installations/1/suspend`, ""), 404],
      ["a form of 100 kB", () => post(`${org}/apps`, `name=${"x".repeat(100_000)}`), 413],
      ["a malformed percent-encoding", () => post("/apps/octoapp/installations", "target_id=%E0%A4%A"), 404],
      ["a return_to sent twice", () => fetch(`${hubcap.url}/login?return_to=/a&return_to=/b`), 400],
      [
        "a malformed path",
        () => fetch(`${hubcap.url}/settings/apps/%E0%A4%A`, { headers: { cookie: session.cookie } }),
        400,
      ],
      [
        "an unknown delivery",
        () =>
          fetch(`${hubcap.url}/hubcap/apps/octoapp/deliveries/-1`, { headers: { cookie: session.cookie } }),
        404,
      ],
    ];
    for (const [what, request, status] of cases) {
      const response = await request();
      expect([what, response.status]).toEqual([what, status]);
    }
    const after = await hubcap.hub.store.dumpTables();
    delete before.sessions;
    delete after.sessions;
    expect(after).toEqual(before);
  });
});
