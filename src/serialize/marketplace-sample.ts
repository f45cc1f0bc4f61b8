import type { Urls } from "./urls.js";

/**
 * The `stubbed` Marketplace endpoints answer with fixed sample data that never changes and has nothing
 * to do with real purchases, so an app can be tested before it is listed
 * (https://docs.github.com/rest/apps/marketplace#testing-with-stubbed-endpoints). These are GitHub's own
 * samples; only the URLs point at hubcap, so a client that follows them stays here.
 */
const PRO = {
  id: 1313,
  number: 3,
  name: "Pro",
  description: "A professional-grade CI solution",
  monthly_price_in_cents: 1099,
  yearly_price_in_cents: 11870,
  price_model: "FLAT_RATE",
  has_free_trial: true,
  unit_name: null,
  state: "published",
  bullets: ["Up to 25 private repositories", "11 concurrent builds"],
} as const;

const STARTUP = {
  id: 1111,
  number: 2,
  name: "Startup",
  description: "A professional-grade CI solution",
  monthly_price_in_cents: 699,
  yearly_price_in_cents: 7870,
  price_model: "FLAT_RATE",
  has_free_trial: true,
  unit_name: null,
  state: "published",
  bullets: ["Up to 10 private repositories", "3 concurrent builds"],
} as const;

function plan(p: typeof PRO | typeof STARTUP, urls: Urls) {
  const url = `${urls.api}/marketplace_listing/plans/${p.id}`;
  return { url, accounts_url: `${url}/accounts`, ...p, bullets: [...p.bullets] };
}

const TERMS = {
  billing_cycle: "monthly",
  next_billing_date: "2017-11-11T00:00:00Z",
  unit_count: null,
  on_free_trial: true,
  free_trial_ends_on: "2017-11-11T00:00:00Z",
  updated_at: "2017-11-02T01:12:12Z",
} as const;

export function samplePlans(urls: Urls) {
  return [plan(PRO, urls)];
}

/** The sample organization `github` on the Pro plan, moving to Startup at the end of its cycle. */
export function sampleAccount(urls: Urls) {
  return {
    url: `${urls.api}/orgs/github`,
    type: "Organization",
    id: 4,
    login: "github",
    organization_billing_email: "billing@github.com",
    email: null,
    marketplace_pending_change: {
      effective_date: "2017-11-11T00:00:00Z",
      unit_count: null,
      id: 77,
      plan: plan(STARTUP, urls),
    },
    marketplace_purchase: { ...TERMS, plan: plan(PRO, urls) },
  };
}

export function sampleUserPurchases(urls: Urls) {
  return [
    {
      ...TERMS,
      account: {
        login: "github",
        id: 4,
        node_id: "MDEyOk9yZ2FuaXphdGlvbjQ=",
        url: `${urls.api}/orgs/github`,
        email: null,
        organization_billing_email: "billing@github.com",
        type: "Organization",
      },
      plan: plan(PRO, urls),
    },
  ];
}
