import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkWorld } from "../../src/domain/world-file.js";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { freshStore } from "../helpers/store.js";

/** The README's world file, verbatim, with its Marketplace listing and purchase: it must apply as shown. */
let hubcap: TestHubcap;
let dir: string;
beforeAll(async () => {
  hubcap = await startHubcap({ db: await freshStore() });
  dir = await mkdtemp(join(tmpdir(), "hubcap-readme-world-"));
});
afterAll(async () => {
  await hubcap?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("applies the README's world, listing and purchase included", async () => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## A world"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  await hubcap.hub.world.apply(checkWorld(parse(yaml)), { baseDir: dir });
  const app = (await hubcap.hub.store.findAppBySlug("octoapp"))!;
  const plans = await hubcap.hub.marketplace.listPlans(app.id, { limit: 10, offset: 0 });
  expect(plans.items.map((p) => [p.name, p.priceModel])).toEqual([
    ["Free", "FREE"],
    ["Pro", "FLAT_RATE"],
  ]);
  const org = (await hubcap.hub.store.findAccountByLogin("octo-org"))!;
  const purchase = await hubcap.hub.marketplace.getPurchase(app.id, org.id);
  expect(purchase).toMatchObject({ billingCycle: "yearly", plan: { name: "Pro" } });
});
