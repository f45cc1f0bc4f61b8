import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { CLIENT_SECRET, marketplaceWorld } from "./world.js";

/**
 * Ruby octokit 4.20 (Debian's ruby-octokit), unmodified: its Marketplace methods as a GitHub App (JWT)
 * and as an OAuth app (client id and secret). It sends these paths with a leading `/`, which drops the
 * `/api/v3` of its endpoint: hubcap answers at the host root too.
 */
const run = promisify(execFile);
let hubcap: TestHubcap;
let dir: string;

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: marketplaceWorld() });
  dir = await mkdtemp(join(tmpdir(), "hubcap-ruby-"));
});
afterAll(async () => {
  await hubcap?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("lists plans and accounts and finds an account's plan, by JWT and by client credentials", async () => {
  const pem = join(dir, "shop.pem");
  await writeFile(pem, hubcap.apps.shop!.privateKey, { mode: 0o600 });
  const id = async (login: string) => String((await hubcap.hub.store.findAccountByLogin(login))!.id);
  const { stdout } = await run("ruby", [join(import.meta.dirname, "ruby-marketplace.rb")], {
    env: {
      PATH: process.env.PATH,
      HUBCAP_URL: hubcap.url,
      APP_ID: "10",
      PEM_FILE: pem,
      CLIENT_ID: hubcap.apps.shop!.clientId,
      CLIENT_SECRET,
      USER_TOKEN: "ghp_hubotMarketToken000000000000000000",
      ORG_ID: await id("octo-org"),
      NOBODY_ID: await id("mona"),
    },
    timeout: 30_000,
  });
  const out = JSON.parse(stdout);
  const expected = [
    { number: 1, name: "Free", price_model: "FREE" },
    { number: 2, name: "Pro", price_model: "FLAT_RATE" },
    { number: 3, name: "Team", price_model: "PER_UNIT" },
  ];
  // auto_paginate with per_page 1: Sawyer followed hubcap's Link header through three pages.
  expect(out.app_plans).toMatchObject(expected);
  // The leading `/` took the request to the host root, and the Link header kept it there.
  expect(out.last_plans_page).toBe(`${hubcap.url}/marketplace_listing/plans?page=3&per_page=1`);
  expect(out.oauth_app_plans).toMatchObject(expected);
  expect(out.accounts_for_pro).toEqual([{ login: "octo-org", plan: "Pro" }]);
  expect(out.oauth_accounts_for_pro).toEqual(out.accounts_for_pro);
  expect(out.plan_for_org).toBe("Pro");
  expect(out.plan_for_nobody).toBe("Octokit::NotFound");
  expect(out.wrong_secret).toBe("Octokit::Unauthorized");
  expect(out.purchases).toEqual([
    ["hubot", "Basic"],
    ["hubot", "Free"],
    ["octo-org", "Pro"],
  ]);
});
