import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { startReceiver } from "../helpers/receiver.js";
import { freshStore } from "../helpers/store.js";

const COUNT = 40;
let a: TestHubcap;
let b: TestHubcap;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver((req, res) => {
    req.on("end", () => setTimeout(() => res.writeHead(200).end(), 20));
  });
  const db = await freshStore();
  a = await startHubcap({
    db,
    world: {
      users: Array.from({ length: COUNT }, (_, i) => ({ login: `u${i}` })),
      apps: [{ slug: "twice", id: 1, owner: "u0", webhook: { url: receiver.url, secret: "s" } }],
      installations: Array.from({ length: COUNT }, (_, i) => ({ app: "twice", account: `u${i}`, id: i + 1 })),
    },
  });
  b = await startHubcap({ db });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await receiver?.close();
});

describe("deliveries with two instances on one database", () => {
  it("are each sent exactly once, whichever instance produced them", async () => {
    const jwt = () =>
      signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, a.apps.twice!.privateKey);
    // Changes made through both instances at once; both deliverers compete for the outbox.
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/app/installations/${i + 1}/suspended`, {
          method: "PUT",
          headers: { authorization: `Bearer ${jwt()}` },
        }),
      ),
    );
    const expected = 1 + COUNT + COUNT; // ping, created, suspend
    await receiver.waitFor(expected, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for any duplicate to arrive
    const guids = receiver.received.map((r) => String(r.headers["x-github-delivery"]));
    expect(guids).toHaveLength(expected);
    expect(new Set(guids).size).toBe(expected);
  });
});
