// The README's example, verbatim: it must keep working as documented.
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "hubcap/testing";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await startHubcap({
    world: {
      users: [{ login: "octocat" }],
      repos: [{ full_name: "octocat/hello-world" }],
      apps: [{ slug: "my-app", owner: "octocat", permissions: { metadata: "read" } }],
      installations: [{ app: "my-app", account: "octocat" }],
    },
  });
});
afterAll(() => hubcap.close());

it("lists the repositories my app can reach", async () => {
  const { id, privateKey } = hubcap.apps["my-app"]!; // a key pair generated for the test
  const app = new App({ appId: id, privateKey, Octokit: Octokit.defaults({ baseUrl: hubcap.url }) });
  const names: string[] = [];
  for await (const { repository } of app.eachRepository.iterator()) names.push(repository.full_name);
  expect(names).toEqual(["octocat/hello-world"]);
});
