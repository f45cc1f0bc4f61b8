import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhooks, type TestHubcap, type WebhookReceiver } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";
import { marketplaceWorld } from "./world.js";

/**
 * Purchases made, changed and cancelled by hubcap's administration API: the app hears each as GitHub's
 * `marketplace_purchase` webhook and sees it through @octokit/rest.
 */
const SECRET = "marketplace-secret";
let hubcap: TestHubcap;
let hooks: WebhookReceiver;
let admin: Octokit;
let app: Octokit;

beforeAll(async () => {
  hooks = await receiveWebhooks({ secret: SECRET });
  hubcap = await hubcapForTest({ world: marketplaceWorld({ url: hooks.url, secret: SECRET }) });
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: `${hubcap.url}/api/v3` });
  app = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 10, privateKey: hubcap.apps.shop!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });
});
afterAll(async () => {
  // Every webhook sent is valid against GitHub's webhook descriptions.
  const problems = hooks.received.flatMap((w) => webhookProblems(w.event, w.action ?? undefined, w.payload));
  expect(problems).toEqual([]);
  await hubcap?.close();
  await hooks?.close();
});

const accountId = async (login: string) => (await hubcap.hub.store.findAccountByLogin(login))!.id;
const forAccount = (login: string) => (w: { payload: Record<string, unknown> }) =>
  (w.payload.marketplace_purchase as { account: { login: string } }).account.login === login;
const put = (account: string, body: Record<string, unknown>) =>
  admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/purchases/{account}", {
    app_slug: "shop",
    account,
    ...body,
  });

describe("a purchase's life", () => {
  it("buys: 201, `purchased`, and the listing shows it", async () => {
    const { status, data } = await put("mona", { plan: 3, unit_count: 5, billing_cycle: "monthly" });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      login: "mona",
      marketplace_purchase: { unit_count: 5, plan: { name: "Team" } },
    });
    const heard = await hooks.waitFor("marketplace_purchase", "purchased", { match: forAccount("mona") });
    expect(heard.payload).toMatchObject({
      sender: { login: "hubcap-admin" },
      marketplace_purchase: {
        account: { login: "mona", type: "User" },
        billing_cycle: "monthly",
        unit_count: 5,
        on_free_trial: false,
        plan: { name: "Team", price_model: "PER_UNIT", unit_name: "seat" },
      },
    });
    expect(heard.payload.previous_marketplace_purchase).toBeUndefined();
    const { data: seen } = await app.apps.getSubscriptionPlanForAccount({
      account_id: await accountId("mona"),
    });
    expect(seen.marketplace_purchase).toMatchObject({ unit_count: 5, plan: { name: "Team" } });
    // Buying twice is changing, which takes the other form of the request.
    await expect(
      admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/purchases/{account}", {
        app_slug: "shop",
        account: "mona",
        plan: 3,
        free_trial: true,
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("changes seats at once: `changed` with the previous purchase", async () => {
    const { status } = await put("mona", { plan: 3, unit_count: 8 });
    expect(status).toBe(200);
    const heard = await hooks.waitFor("marketplace_purchase", "changed", { match: forAccount("mona") });
    expect(heard.payload).toMatchObject({
      marketplace_purchase: { unit_count: 8 },
      previous_marketplace_purchase: { unit_count: 5, plan: { name: "Team" } },
    });
  });

  it("downgrades at the end of the cycle: `pending_change`, shown as marketplace_pending_change", async () => {
    const { data } = await put("mona", { plan: 1, effective: "end_of_cycle", sender: "mona" });
    expect(data.marketplace_purchase.plan.name).toBe("Team");
    expect(data.marketplace_pending_change).toMatchObject({ plan: { name: "Free" }, unit_count: 1 });
    expect(data.marketplace_pending_change.effective_date).toBe(data.marketplace_purchase.next_billing_date);
    const heard = await hooks.waitFor("marketplace_purchase", "pending_change", {
      match: forAccount("mona"),
    });
    expect(heard.payload).toMatchObject({
      effective_date: data.marketplace_pending_change.effective_date,
      sender: { login: "mona" },
      marketplace_purchase: { plan: { name: "Free" } },
      previous_marketplace_purchase: { plan: { name: "Team" } },
    });
    const plans = (await app.apps.listPlans()).data;
    const { data: team } = await app.apps.listAccountsForPlan({ plan_id: plans[2]!.id });
    expect(team.map((a) => [a.login, a.marketplace_pending_change?.plan?.name])).toEqual([["mona", "Free"]]);
    // A plan someone is moving to cannot leave the listing.
    await expect(
      admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/plans", {
        app_slug: "shop",
        plans: [
          {
            name: "Team",
            number: 3,
            description: "Seats",
            price_model: "PER_UNIT",
            unit_name: "seat",
            monthly_price_in_cents: 500,
          },
        ],
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("withdraws the pending change: `pending_change_cancelled`", async () => {
    const { data } = await admin.request(
      "DELETE /_hubcap/apps/{app_slug}/marketplace/purchases/{account}/pending_change",
      { app_slug: "shop", account: "mona" },
    );
    expect(data.marketplace_pending_change).toBeNull();
    const heard = await hooks.waitFor("marketplace_purchase", "pending_change_cancelled", {
      match: forAccount("mona"),
    });
    expect(heard.payload).toMatchObject({
      marketplace_purchase: { plan: { name: "Team" } },
      previous_marketplace_purchase: { plan: { name: "Free" } },
    });
    await expect(
      admin.request("DELETE /_hubcap/apps/{app_slug}/marketplace/purchases/{account}/pending_change", {
        app_slug: "shop",
        account: "mona",
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("cancels: `cancelled`, and the account has no plan any more", async () => {
    const { status } = await admin.request(
      "DELETE /_hubcap/apps/{app_slug}/marketplace/purchases/{account}",
      {
        app_slug: "shop",
        account: "mona",
      },
    );
    expect(status).toBe(204);
    const heard = await hooks.waitFor("marketplace_purchase", "cancelled", { match: forAccount("mona") });
    expect(heard.payload).toMatchObject({ marketplace_purchase: { plan: { name: "Team" }, unit_count: 8 } });
    await expect(
      app.apps.getSubscriptionPlanForAccount({ account_id: await accountId("mona") }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("free trials and billing dates follow hubcap's clock", () => {
  it("ends a trial after 14 days and moves the billing date on", async () => {
    await put("octocat", { plan: 2 });
    const heard = await hooks.waitFor("marketplace_purchase", "purchased", { match: forAccount("octocat") });
    const terms = heard.payload.marketplace_purchase as {
      on_free_trial: boolean;
      free_trial_ends_on: string;
    };
    expect(terms.on_free_trial).toBe(true);
    const trialEnd = Date.parse(terms.free_trial_ends_on);
    expect(trialEnd - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(trialEnd - Date.now()).toBeLessThanOrEqual(14 * 86_400_000);
    const id = await accountId("octocat");
    const before = (await app.apps.getSubscriptionPlanForAccount({ account_id: id })).data
      .marketplace_purchase;
    expect(before).toMatchObject({ on_free_trial: true, next_billing_date: terms.free_trial_ends_on });

    await hubcap.advanceClock(15 * 86_400_000);
    try {
      const after = (await app.apps.getSubscriptionPlanForAccount({ account_id: id })).data
        .marketplace_purchase;
      expect(after.on_free_trial).toBe(false);
      expect(Date.parse(after.next_billing_date!)).toBeGreaterThan(trialEnd);
    } finally {
      await hubcap.setClockOffset(0);
    }
  });
});

describe("bad input", () => {
  it("answers GitHub's 4xx to impossible purchases and plans", async () => {
    // A per-unit plan needs seats; a flat-rate plan takes none; a plan must exist; so must the account.
    await expect(put("octo-org", { plan: 3 })).rejects.toMatchObject({ status: 422 });
    await expect(put("mona", { plan: 3 })).rejects.toMatchObject({ status: 422 });
    await expect(put("mona", { plan: 2, unit_count: 4 })).rejects.toMatchObject({ status: 422 });
    await expect(put("mona", { plan: 9 })).rejects.toMatchObject({ status: 422 });
    await expect(put("mona", { plan: "pro" })).rejects.toMatchObject({ status: 422 });
    await expect(put("nobody-here", { plan: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(put("mona", { plan: 1, free_trial: true })).rejects.toMatchObject({ status: 422 });
    // A free plan has no cycle to wait for.
    await expect(put("hubot", { plan: 2, effective: "end_of_cycle" })).rejects.toMatchObject({ status: 422 });
    const plans = (body: unknown[]) =>
      admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/plans", { app_slug: "shop", plans: body });
    await expect(
      plans([{ name: "Gratis", description: "x", price_model: "FREE", monthly_price_in_cents: 5 }]),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      plans([{ name: "Seats", description: "x", price_model: "PER_UNIT", monthly_price_in_cents: 5 }]),
    ).rejects.toMatchObject({ status: 422 });
    await expect(plans([{ name: "Odd", description: "x", price_model: "MAYBE" }])).rejects.toMatchObject({
      status: 422,
    });
    // octo-org's Pro and hubot's Free are bought: the listing cannot lose them.
    await expect(plans([])).rejects.toMatchObject({ status: 422 });
    expect((await app.apps.listPlans()).data).toHaveLength(3);
  });

  it("changes the listing: a new plan appears, an unbought one can go", async () => {
    const current = (await app.apps.listPlans()).data;
    const keep = current.map((p) => ({
      number: p.number,
      name: p.name,
      description: p.description,
      price_model: p.price_model,
      monthly_price_in_cents: p.monthly_price_in_cents,
      yearly_price_in_cents: p.yearly_price_in_cents,
      has_free_trial: p.has_free_trial,
      unit_name: p.unit_name,
      bullets: p.bullets,
    }));
    const enterprise = {
      number: 4,
      name: "Enterprise",
      description: "Call us",
      price_model: "FLAT_RATE",
      monthly_price_in_cents: 99900,
    };
    const { data } = await admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/plans", {
      app_slug: "shop",
      plans: [...keep, enterprise],
    });
    expect(data.map((p: { name: string }) => p.name)).toEqual(["Free", "Pro", "Team", "Enterprise"]);
    // The plans kept their ids.
    expect(data.slice(0, 3).map((p: { id: number }) => p.id)).toEqual(current.map((p) => p.id));
    await admin.request("PUT /_hubcap/apps/{app_slug}/marketplace/plans", { app_slug: "shop", plans: keep });
    expect((await app.apps.listPlans()).data.map((p) => p.name)).toEqual(["Free", "Pro", "Team"]);
  });

  it("exports the listing and purchases; applying the export changes nothing", async () => {
    const { data: world } = await admin.request("GET /_hubcap/world");
    const shop = world.apps.find((a: { slug: string }) => a.slug === "shop");
    expect(shop.marketplace_plans.map((p: { name: string }) => p.name)).toEqual(["Free", "Pro", "Team"]);
    expect(world.marketplace_purchases).toContainEqual(
      expect.objectContaining({ app: "shop", account: "octo-org", plan: 2, billing_cycle: "yearly" }),
    );
    const before = await hubcap.hub.store.dumpTables();
    await admin.request("PUT /_hubcap/world", world);
    const after = await hubcap.hub.store.dumpTables();
    expect(after.marketplace_plans).toEqual(before.marketplace_plans);
    expect(after.marketplace_purchases).toEqual(before.marketplace_purchases);
  });
});
