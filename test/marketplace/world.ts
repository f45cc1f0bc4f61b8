import type { WorldFile } from "../../src/testing/index.js";

/** A world with two apps on the Marketplace: `shop` (three plans) and `other` (one), and some purchases. */
export const CLIENT_SECRET = "shop-client-secret-0123456789";

export function marketplaceWorld(webhook?: { url: string; secret: string }): WorldFile {
  return {
    users: [
      { login: "octocat", site_admin: true, token: "ghp_octocatMarketToken00000000000000000" },
      { login: "hubot", email: "hubot@example.com", token: "ghp_hubotMarketToken000000000000000000" },
      { login: "mona", token: "ghp_monaMarketToken0000000000000000000" },
    ],
    orgs: [{ login: "octo-org", members: ["octocat", "hubot", "mona"], admins: ["octocat"] }],
    repos: [{ full_name: "octo-org/hello-world" }, { full_name: "hubot/scripts" }],
    apps: [
      {
        slug: "shop",
        id: 10,
        owner: "octo-org",
        client_secret: CLIENT_SECRET,
        ...(webhook && { webhook }),
        marketplace_plans: [
          { name: "Free", description: "For open source", price_model: "FREE" },
          {
            name: "Pro",
            description: "A professional-grade CI solution",
            price_model: "FLAT_RATE",
            monthly_price_in_cents: 1099,
            yearly_price_in_cents: 11870,
            has_free_trial: true,
            bullets: ["Up to 25 private repositories", "11 concurrent builds"],
          },
          {
            name: "Team",
            description: "Priced by the seat",
            price_model: "PER_UNIT",
            unit_name: "seat",
            monthly_price_in_cents: 500,
          },
        ],
      },
      {
        slug: "other",
        id: 11,
        owner: "hubot",
        marketplace_plans: [{ name: "Basic", description: "Another app's plan", price_model: "FREE" }],
      },
    ],
    marketplace_purchases: [
      { app: "shop", account: "octo-org", plan: 2, billing_cycle: "yearly", free_trial: false },
      { app: "shop", account: "hubot", plan: 1 },
      { app: "other", account: "hubot", plan: 1 },
    ],
  };
}
