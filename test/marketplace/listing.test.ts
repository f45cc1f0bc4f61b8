import { createAppAuth } from "@octokit/auth-app";
import { createOAuthAppAuth } from "@octokit/auth-oauth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { CLIENT_SECRET, marketplaceWorld } from "./world.js";

/**
 * The Marketplace API as an app reads it: by @octokit/rest with the app's JWT (GitHub Apps) and with its
 * client id and secret as Basic credentials (OAuth apps), at the host root and under /api/v3.
 */
let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: marketplaceWorld() });
});
afterAll(() => hubcap?.close());

const accountId = async (login: string) => (await hubcap.hub.store.findAccountByLogin(login))!.id;

describe.each([
  ["app JWT", "/api/v3"],
  ["client credentials", ""],
])("the listing, by %s (baseUrl %s)", (how, prefix) => {
  const octokit = () =>
    how === "app JWT"
      ? new Octokit({
          authStrategy: createAppAuth,
          auth: { appId: 10, privateKey: hubcap.apps.shop!.privateKey },
          baseUrl: hubcap.url + prefix,
        })
      : new Octokit({
          authStrategy: createOAuthAppAuth,
          auth: {
            clientType: "oauth-app",
            clientId: hubcap.apps.shop!.clientId,
            clientSecret: CLIENT_SECRET,
          },
          baseUrl: hubcap.url + prefix,
        });

  it("lists the plans, paginated", async () => {
    const { data } = await octokit().apps.listPlans();
    expect(data.map((p) => [p.number, p.name, p.price_model])).toEqual([
      [1, "Free", "FREE"],
      [2, "Pro", "FLAT_RATE"],
      [3, "Team", "PER_UNIT"],
    ]);
    expect(data[1]).toMatchObject({
      monthly_price_in_cents: 1099,
      yearly_price_in_cents: 11870,
      has_free_trial: true,
      unit_name: null,
      state: "published",
      bullets: ["Up to 25 private repositories", "11 concurrent builds"],
      accounts_url: `${hubcap.url}${prefix}/marketplace_listing/plans/${data[1]!.id}/accounts`,
    });
    // Without a yearly price GitHub charges twelve months.
    expect(data[2]).toMatchObject({ unit_name: "seat", yearly_price_in_cents: 6000 });
    const first = await octokit().apps.listPlans({ per_page: 2 });
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit().paginate(octokit().apps.listPlans, { per_page: 1 });
    expect(all.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it("lists a plan's accounts and shows one account's purchase", async () => {
    const client = octokit();
    const plans = (await client.apps.listPlans()).data;
    const { data: accounts } = await client.apps.listAccountsForPlan({ plan_id: plans[1]!.id });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      login: "octo-org",
      type: "Organization",
      url: `${hubcap.url}${prefix}/orgs/octo-org`,
      marketplace_pending_change: null,
      marketplace_purchase: {
        billing_cycle: "yearly",
        unit_count: 1,
        on_free_trial: false,
        plan: { id: plans[1]!.id },
      },
    });
    const { data: free } = await client.apps.listAccountsForPlan({ plan_id: plans[0]!.id });
    expect(free.map((a) => a.login)).toEqual(["hubot"]);
    // A free plan is never billed.
    expect(free[0]!.marketplace_purchase.next_billing_date).toBeNull();

    const { data: purchase } = await client.apps.getSubscriptionPlanForAccount({
      account_id: await accountId("octo-org"),
    });
    expect(purchase).toMatchObject({ login: "octo-org", marketplace_purchase: { plan: { name: "Pro" } } });
    expect(purchase.marketplace_purchase.next_billing_date).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
  });

  it("answers 404 for accounts without a purchase and for other apps' plans", async () => {
    const client = octokit();
    // hubot bought `other`'s plan, not this app's: each app sees its own listing only.
    const otherPlan = (await hubcap.hub.store.listMarketplacePlans(11, { limit: 1, offset: 0 })).items[0]!;
    await expect(client.apps.listAccountsForPlan({ plan_id: otherPlan.id })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      client.apps.getSubscriptionPlanForAccount({ account_id: await accountId("mona") }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(client.apps.getSubscriptionPlanForAccount({ account_id: 987654 })).rejects.toMatchObject({
      status: 404,
    });
    await expect(client.request("GET /marketplace_listing/plans/pro/accounts")).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      client.request(`GET /marketplace_listing/plans/${otherPlan.id}/accounts?sort=stars`),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("serves the stubbed endpoints' fixed sample", async () => {
    const client = octokit();
    const { data: plans } = await client.apps.listPlansStubbed();
    expect(plans).toMatchObject([{ id: 1313, name: "Pro", price_model: "FLAT_RATE" }]);
    const { data: accounts } = await client.apps.listAccountsForPlanStubbed({ plan_id: 1313 });
    expect(accounts).toMatchObject([{ id: 4, login: "github", marketplace_pending_change: { id: 77 } }]);
    const { data: account } = await client.apps.getSubscriptionPlanForAccountStubbed({
      account_id: await accountId("octo-org"),
    });
    expect(account).toEqual(accounts[0]);
  });
});

describe("who may read a listing", () => {
  it("refuses no credentials, a wrong secret, another scheme and an installation token", async () => {
    const anonymous = new Octokit({ baseUrl: hubcap.url });
    await expect(anonymous.apps.listPlans()).rejects.toMatchObject({ status: 401 });
    await expect(anonymous.apps.listPlansStubbed()).rejects.toMatchObject({ status: 401 });
    const wrong = new Octokit({
      authStrategy: createOAuthAppAuth,
      auth: { clientType: "oauth-app", clientId: hubcap.apps.shop!.clientId, clientSecret: "not-the-secret" },
      baseUrl: hubcap.url,
    });
    await expect(wrong.apps.listPlans()).rejects.toMatchObject({ status: 401 });
    const unknown = new Octokit({
      authStrategy: createOAuthAppAuth,
      auth: { clientType: "oauth-app", clientId: "Iv1.nosuchclient", clientSecret: CLIENT_SECRET },
      baseUrl: hubcap.url,
    });
    await expect(unknown.apps.listPlans()).rejects.toMatchObject({ status: 401 });
    const person = new Octokit({ auth: "ghp_hubotMarketToken000000000000000000", baseUrl: hubcap.url });
    await expect(person.apps.listPlans()).rejects.toMatchObject({ status: 401 });
  });

  it("answers 404 to an app without a listing", async () => {
    const bare = await hubcap.createApp({ name: "No Listing", owner: "octo-org" });
    const octokit = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: bare.id, privateKey: bare.privateKey },
      baseUrl: hubcap.url,
    });
    await expect(octokit.apps.listPlans()).rejects.toMatchObject({ status: 404 });
  });
});

describe("a user's purchases", () => {
  const as = (token: string) => new Octokit({ auth: token, baseUrl: `${hubcap.url}/api/v3` });

  it("lists a person's and their organizations' purchases, of every app, for a personal token", async () => {
    const { data } = await as(
      "ghp_hubotMarketToken000000000000000000",
    ).apps.listSubscriptionsForAuthenticatedUser();
    const seen = data.map((p) => [p.account.login, p.plan.name]).sort();
    expect(seen).toEqual([
      ["hubot", "Basic"],
      ["hubot", "Free"],
      ["octo-org", "Pro"],
    ]);
    const org = data.find((p) => p.account.login === "octo-org")!;
    expect(org).toMatchObject({
      billing_cycle: "yearly",
      account: { type: "Organization", url: `${hubcap.url}/api/v3/orgs/octo-org` },
    });
    const hubot = data.find((p) => p.plan.name === "Free")!;
    expect(hubot.account).toMatchObject({ email: "hubot@example.com", organization_billing_email: null });
    const mona = await as(
      "ghp_monaMarketToken0000000000000000000",
    ).apps.listSubscriptionsForAuthenticatedUser();
    expect(mona.data.map((p) => p.account.login)).toEqual(["octo-org"]);
  });

  it("serves the stubbed sample, and refuses installation tokens", async () => {
    const { data } = await as(
      "ghp_monaMarketToken0000000000000000000",
    ).apps.listSubscriptionsForAuthenticatedUserStubbed();
    expect(data).toMatchObject([{ account: { login: "github", id: 4 }, plan: { id: 1313 } }]);
    const { data: minted } = await new Octokit({ auth: hubcap.adminToken, baseUrl: hubcap.url }).request(
      "POST /_hubcap/apps/{app_slug}/installations",
      { app_slug: "shop", account: "octo-org" },
    );
    const { data: token } = await new Octokit({ auth: hubcap.adminToken, baseUrl: hubcap.url }).request(
      "POST /_hubcap/installations/{installation_id}/access_tokens",
      { installation_id: minted.id },
    );
    await expect(as(token.token).apps.listSubscriptionsForAuthenticatedUser()).rejects.toMatchObject({
      status: 403,
    });
  });
});
