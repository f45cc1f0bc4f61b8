// npm run bench [-- --duration 10 --connections 50 --skip-large]
//
// Runs each server pinned to core 0 and the load generator (this process, autocannon) on core 1, so the
// figures are comparable between runs and machines: see ../shared/PERFORMANCE-NOTES.md.
import { execFileSync, spawn } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "skip-large": { type: "boolean", default: false },
    "skip-webhooks": { type: "boolean", default: false },
    /** A postgres:// URL: every phase runs on a fresh schema of that database instead of SQLite. */
    db: { type: "string" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const pinned = availableParallelism() >= 2 && hasTaskset();
if (pinned) execFileSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });

function hasTaskset() {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Starts a server on core 0 and resolves with its URL once it prints that it is listening. */
function startServer(args, env = {}) {
  const command = pinned ? "taskset" : process.execPath;
  const child = spawn(command, pinned ? ["-c", "0", process.execPath, ...args] : args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve({ url: match[1].replace(/\s.*$/, ""), pid: child.pid, stop: () => stop(child) });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const WARMUP = 3;

/** Measures after a warm-up of the same requests: the first seconds of a fresh process run unoptimised code. */
async function measure(name, options) {
  await autocannon({ connections: CONNECTIONS, duration: WARMUP, ...options });
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0)
    throw new Error(
      `${name}: ${failures} failed requests (first status codes: ${JSON.stringify(result.statusCodeStats)})`,
    );
  return { name, rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total };
}

function appJwt(appId, privateKeyPem) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ iat: now - 30, exp: now + 570, iss: appId })}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), createPrivateKey(privateKeyPem)).toString("base64url")}`;
}

async function post(url, headers) {
  const response = await fetch(url, { method: "POST", headers });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The three hot requests of the foundation issue, against one running hubcap. */
async function measureHubcap(label, url, { appId, keyPem, installationId }) {
  const jwt = appJwt(appId, keyPem);
  const { token } = await post(`${url}/app/installations/${installationId}/access_tokens`, {
    authorization: `Bearer ${jwt}`,
  });
  return [
    await measure(`${label} GET /app/installations/{id} (JWT)`, {
      url: `${url}/app/installations/${installationId}`,
      headers: { authorization: `Bearer ${jwt}` },
    }),
    await measure(`${label} POST /app/installations/{id}/access_tokens (JWT)`, {
      url: `${url}/app/installations/${installationId}/access_tokens`,
      method: "POST",
      headers: { authorization: `Bearer ${appJwt(appId, keyPem)}` },
    }),
    // The token-read target measures authentication and lookup: one repository (~5 KB, like the
    // hello-world's 1 KB order of size). A default page of 30 full repositories is ~150 KB of JSON,
    // which costs ~0.5 ms to build, stringify and hash whatever the authentication: reported, not targeted.
    await measure(`${label} GET /installation/repositories?per_page=1 (token)`, {
      url: `${url}/installation/repositories?per_page=1`,
      headers: { authorization: `token ${token}` },
    }),
    await measure(`${label} GET /installation/repositories (token, 10 repositories)`, {
      url: `${url}/installation/repositories`,
      headers: { authorization: `token ${token}` },
    }),
    await measure(`${label} GET /app/installations (JWT, first page)`, {
      url: `${url}/app/installations`,
      headers: { authorization: `Bearer ${appJwt(appId, keyPem)}` },
    }),
  ];
}

const UNLIMITED = ["--rate-limit-installation", "1000000000", "--log-level", "warn"];
const POSTGRES = args.db && /^postgres(ql)?:\/\//.test(args.db) ? args.db : undefined;
const schemas = [];

/** Where a phase keeps its data: a SQLite file, or a fresh schema of the PostgreSQL database given. */
async function storeFor(dir, name) {
  if (!POSTGRES) return join(dir, `${name}.db`);
  const { default: pg } = await import("pg");
  const schema = `hubcap_bench_${name}_${process.pid}`;
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  schemas.push(schema);
  const url = new URL(POSTGRES);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function dropSchemas() {
  if (!POSTGRES || schemas.length === 0) return;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

async function smallWorld(dir) {
  // Shaped like the large world (accounts of 10 repositories, installed on all or 5 selected), so that
  // each page compares like with like: 40 installations, a first page of 30.
  const orgs = Array.from({ length: 40 }, (_, n) => `org-${n}`);
  const world = {
    users: [{ login: "octocat" }],
    orgs: orgs.map((login) => ({ login, admins: ["octocat"] })),
    repos: orgs.flatMap((org) =>
      Array.from({ length: 10 }, (_, r) => ({ full_name: `${org}/repo-${r}`, private: r % 2 === 0 })),
    ),
    apps: [
      {
        slug: "bench",
        id: 1,
        owner: "octocat",
        permissions: { metadata: "read", contents: "read" },
        private_key_file: "bench.pem",
      },
    ],
    installations: orgs.map((account, n) =>
      n % 2 === 1
        ? {
            app: "bench",
            account,
            id: 10 + n,
            repository_selection: "selected",
            repositories: ["repo-0", "repo-1", "repo-2", "repo-3", "repo-4"],
          }
        : { app: "bench", account, id: 10 + n },
    ),
  };
  writeFileSync(join(dir, "small.json"), JSON.stringify(world));
  const db = await storeFor(dir, "small");
  const server = await startServer([
    "bin/hubcap.js",
    "serve",
    "--port",
    "0",
    "--db",
    db,
    "--data-dir",
    dir,
    "--world",
    join(dir, "small.json"),
    ...UNLIMITED,
  ]);
  try {
    const keyPem = readFileSync(join(dir, "bench.pem"), "utf8");
    const results = await measureHubcap("small", server.url, { appId: 1, keyPem, installationId: 30 });
    const rss = rssMb(server.pid);
    // An embedded store is one process's: several instances are a PostgreSQL configuration.
    if (!POSTGRES) return { results, rss };
    // A second instance on the same database, the load split between the two.
    const second = await startServer([
      "bin/hubcap.js",
      "serve",
      "--port",
      "0",
      "--db",
      db,
      "--data-dir",
      dir,
      ...UNLIMITED,
    ]);
    try {
      const jwt = appJwt(1, keyPem);
      const options = (url) => ({
        url: `${url}/app/installations/30`,
        headers: { authorization: `Bearer ${jwt}` },
        connections: Math.ceil(CONNECTIONS / 2),
      });
      const both = await Promise.all([
        measure("instance 1", options(server.url)),
        measure("instance 2", options(second.url)),
      ]);
      results.twoInstances = {
        name: "two instances: GET /app/installations/{id} (JWT), load split",
        rps: both[0].rps + both[1].rps,
        p99: Math.max(both[0].p99, both[1].p99),
      };
    } finally {
      await second.stop();
    }
    return { results, rss };
  } finally {
    await server.stop();
  }
}

let largeStore;

/** 100,000 installations of one app on 100,000 accounts owning 1,000,000 repositories. */
async function buildLargeWorld(dir) {
  const { openStore } = await import("../dist/store/open-store.js");
  const { OffsetClock } = await import("../dist/domain/clock.js");
  const { Hubcap } = await import("../dist/domain/hubcap.js");
  const started = performance.now();
  largeStore = await storeFor(dir, "large");
  const store = await openStore(largeStore);
  const hub = new Hubcap(store, new OffsetClock(), { secretKey: "bench" });
  await hub.world.apply(
    {
      users: [{ login: "octocat" }],
      apps: [
        {
          slug: "bench",
          id: 1,
          owner: "octocat",
          permissions: { metadata: "read", contents: "read" },
          private_key_file: "large.pem",
        },
      ],
    },
    { baseDir: dir },
  );
  const now = Math.floor(Date.now() / 1000);
  const INSTALLATIONS = 100_000;
  const REPOS_PER_ACCOUNT = 10;
  for (let batch = 0; batch < INSTALLATIONS; batch += 10_000) {
    const accounts = [];
    const repositories = [];
    const installations = [];
    const installationRepositories = [];
    for (let n = batch; n < batch + 10_000; n++) {
      const accountId = 1000 + n;
      accounts.push({
        id: accountId,
        login: `org-${n}`,
        type: "Organization",
        name: null,
        email: null,
        siteAdmin: false,
        now,
      });
      for (let r = 0; r < REPOS_PER_ACCOUNT; r++) {
        repositories.push({
          id: 1_000_000 + n * REPOS_PER_ACCOUNT + r,
          ownerId: accountId,
          name: `repo-${r}`,
          private: r % 2 === 0,
          description: null,
          defaultBranch: "main",
          now,
        });
      }
      const selected = n % 2 === 1;
      installations.push({
        id: 10 + n,
        appId: 1,
        accountId,
        repositorySelection: selected ? "selected" : "all",
        permissions: { metadata: "read", contents: "read" },
        events: [],
        now,
      });
      if (selected) {
        for (let r = 0; r < 5; r++)
          installationRepositories.push({
            installationId: 10 + n,
            repositoryId: 1_000_000 + n * REPOS_PER_ACCOUNT + r,
          });
      }
    }
    await store.bulkInsert({ accounts, repositories, installations, installationRepositories });
  }
  await hub.close();
  await store.close();
  return (performance.now() - started) / 1000;
}

async function largeWorld(dir) {
  const seconds = await buildLargeWorld(dir);
  const server = await startServer([
    "bin/hubcap.js",
    "serve",
    "--port",
    "0",
    "--db",
    largeStore,
    "--data-dir",
    dir,
    ...UNLIMITED,
  ]);
  try {
    const keyPem = readFileSync(join(dir, "large.pem"), "utf8");
    const results = await measureHubcap("large", server.url, { appId: 1, keyPem, installationId: 50_010 });
    results.push(
      await measure("large GET /app/installations?per_page=100&page=1000 (JWT, last page)", {
        url: `${server.url}/app/installations?per_page=100&page=1000`,
        headers: { authorization: `Bearer ${appJwt(1, keyPem)}` },
      }),
    );
    return { seconds, results, rss: rssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

/** A receiver in this (load-generator) process, counting deliveries as they arrive. */
async function startReceiver() {
  const { createServer } = await import("node:http");
  const state = { count: 0, first: 0, last: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const now = performance.now();
      if (state.count === 0) state.first = now;
      state.count++;
      state.last = now;
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    state,
    close: () => new Promise((r) => server.close(r)),
  };
}

function backlogWorld(name, count, receiverUrl) {
  return {
    users: Array.from({ length: count }, (_, i) => ({ login: `user-${i}` })),
    apps: [
      {
        slug: "hooked",
        id: 1,
        owner: "user-0",
        private_key_file: `${name}.pem`,
        webhook: { url: receiverUrl, secret: "bench" },
      },
    ],
    installations: Array.from({ length: count }, (_, i) => ({
      app: "hooked",
      account: `user-${i}`,
      id: i + 1,
    })),
  };
}

async function until(predicate, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const BACKLOG_KEY = "bench-backlog";

/**
 * A store holding `count` pending `installation.created` deliveries (and a ping) of one app, to a
 * receiver in this process, and a hubcap started on it; `fn` runs while the backlog drains.
 *
 * The backlog is made here, by applying the world through the outbox as `hubcap serve --world` would,
 * and the server starts afterwards (the outbox is durable): so the server measured does nothing but
 * serve and deliver. A process that has just applied a 40,000-installation world carries ~300 MB of
 * garbage that V8 collects only when its heap next reaches the limit that apply set, which would hide
 * what delivering costs.
 */
async function withBacklog(dir, name, count, store, fn) {
  const receiver = await startReceiver();
  const { openStore } = await import("../dist/store/open-store.js");
  const { OffsetClock } = await import("../dist/domain/clock.js");
  const { Hubcap } = await import("../dist/domain/hubcap.js");
  const { WebhookOutbox } = await import("../dist/webhooks/outbox.js");
  const opened = await openStore(store);
  const clock = new OffsetClock();
  const hub = new Hubcap(opened, clock, { secretKey: BACKLOG_KEY, events: new WebhookOutbox(clock) });
  await hub.world.apply(backlogWorld(name, count, receiver.url), { baseDir: dir });
  await hub.close();
  await opened.close();
  const server = await startServer(
    ["bin/hubcap.js", "serve", "--port", "0", "--db", store, "--data-dir", dir, ...UNLIMITED],
    { HUBCAP_SECRET_KEY: BACKLOG_KEY },
  );
  try {
    return await fn({
      server,
      receiver,
      drained: (timeoutMs) => until(() => receiver.state.count >= count + 1, timeoutMs),
    });
  } finally {
    await server.stop();
    await receiver.close();
  }
}

/**
 * The rate a backlog of 60,000 deliveries drains at, and the server's memory through the drain,
 * sampled every 250 ms. V8 lets garbage pile up to a limit and then collects it, so memory rises and
 * falls; what must not happen is the peaks rising. The first quarter warms the heap up; the peak of the
 * last quarter is compared with the peak of the second.
 */
function deliveryRate(dir, stores) {
  const COUNT = 60_000;
  return withBacklog(dir, "deliveries", COUNT, stores.deliveries, async ({ server, receiver, drained }) => {
    const samples = [];
    const sampler = setInterval(
      () => samples.push({ sent: receiver.state.count, rss: rssMb(server.pid) }),
      250,
    );
    try {
      await drained(180_000);
    } finally {
      clearInterval(sampler);
    }
    const peak = (from, to) =>
      Math.max(...samples.filter((s) => s.sent >= COUNT * from && s.sent < COUNT * to).map((s) => s.rss));
    const seconds = (receiver.state.last - receiver.state.first) / 1000;
    return {
      count: receiver.state.count,
      rate: receiver.state.count / seconds,
      peaks: [peak(0, 0.25), peak(0.25, 0.5), peak(0.5, 0.75), peak(0.75, 1.01)],
    };
  });
}

/** The JWT read rate while a backlog of deliveries flows, against the same once the outbox is empty. */
function apiWhileDelivering(dir, stores) {
  return withBacklog(dir, "busy", 30_000, stores.busy, async ({ server, receiver, drained }) => {
    const keyPem = readFileSync(join(dir, "busy.pem"), "utf8");
    const options = {
      url: `${server.url}/app/installations/1`,
      headers: { authorization: `Bearer ${appJwt(1, keyPem)}` },
    };
    // Two measurements each way, the better of each compared: one run of a few seconds on a shared
    // machine swings by ±10% on its own, which would swamp the effect measured.
    const before = receiver.state.count;
    const during = [];
    for (let i = 0; i < 2; i++) {
      during.push(await measure("GET /app/installations/{id} (JWT) while deliveries flow", options));
    }
    const deliveredDuring = receiver.state.count - before;
    if (receiver.state.count >= 30_000) throw new Error("the backlog drained before the measurements ended");
    await drained(180_000);
    const after = [];
    for (let i = 0; i < 2; i++) {
      after.push(await measure("GET /app/installations/{id} (JWT) with the outbox empty", options));
    }
    const best = (runs) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    return { during: best(during), after: best(after), deliveredDuring };
  });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const dir = mkdtempSync(join(tmpdir(), "hubcap-bench-"));
try {
  console.log(
    `store: ${POSTGRES ? `PostgreSQL (${new URL(POSTGRES).host}), a fresh schema per phase` : "embedded SQLite"}`,
  );
  console.log(
    `hubcap benchmark: ${DURATION}s per measurement, ${CONNECTIONS} connections, ${pinned ? "server on core 0, load on core 1" : "UNPINNED (taskset or a second core missing)"}`,
  );
  const hello = await startServer(["bench/hello-server.js"]);
  const baseline = await measure("hello-world (bare Fastify, 1 KB JSON)", { url: hello.url });
  await hello.stop();
  const small = await smallWorld(dir);

  const targets = {
    "GET /app/installations/{id} (JWT)": { ratio: 0.2 },
    "GET /installation/repositories?per_page=1 (token)": { ratio: 0.35 },
    "POST /app/installations/{id}/access_tokens (JWT)": { rps: 3000 },
  };
  console.log(
    `\n${"measurement".padEnd(72)} ${"req/s".padStart(9)} ${"p99 ms".padStart(7)} ${"× hello".padStart(8)}  target`,
  );
  const row = (r, extra = "") =>
    console.log(
      `${r.name.padEnd(72)} ${fmt(r.rps).padStart(9)} ${fmt(r.p99).padStart(7)} ${fmt(r.rps / baseline.rps, 3).padStart(8)}  ${extra}`,
    );
  row(baseline);
  let failed = false;
  for (const r of small.results) {
    const key = r.name.replace(/^small /, "");
    const target = targets[key];
    let verdict = "";
    if (target?.ratio)
      verdict = `≥ ${target.ratio} × hello: ${r.rps / baseline.rps >= target.ratio ? "met" : "MISSED"}`;
    if (target?.rps) verdict = `≥ ${fmt(target.rps)}/s: ${r.rps >= target.rps ? "met" : "MISSED"}`;
    if (verdict.includes("MISSED")) failed = true;
    row(r, verdict);
  }
  console.log(`small-world server RSS after load: ${fmt(small.rss, 1)} MB`);
  if (small.results.twoInstances)
    row(
      small.results.twoInstances,
      `× one instance: ${fmt(small.results.twoInstances.rps / small.results[0].rps, 2)}`,
    );

  if (!args["skip-large"]) {
    const large = await largeWorld(dir);
    console.log(
      `\nlarge world (100,000 installations, 1,000,000 repositories) built in ${fmt(large.seconds, 1)} s (target < 60 s: ${large.seconds < 60 ? "met" : "MISSED"})`,
    );
    for (const r of large.results) {
      const twin = small.results.find((s) => s.name.replace(/^small /, "") === r.name.replace(/^large /, ""));
      const versus = twin
        ? `${fmt(r.rps / twin.rps, 3)} × small: ${r.rps / twin.rps >= 0.8 ? "within 20%" : "MORE THAN 20% SLOWER"}`
        : "";
      if (versus.includes("SLOWER")) failed = true;
      row(r, versus);
    }
    console.log(
      `large-world server RSS after load: ${fmt(large.rss, 1)} MB (target < 300 MB: ${large.rss < 300 ? "met" : "MISSED"})`,
    );
    if (large.rss >= 300 || large.seconds >= 60) failed = true;
  }
  if (!args["skip-webhooks"]) {
    const stores = {};
    for (const name of ["deliveries", "busy"]) stores[name] = await storeFor(dir, name);
    const drained = await deliveryRate(dir, stores);
    console.log(
      `\nwebhook deliveries to a local receiver: ${fmt(drained.count)} sent at ${fmt(drained.rate)}/s (target ≥ 1,000/s: ${drained.rate >= 1000 ? "met" : "MISSED"}); ` +
        `server RSS peaks by quarter of the drain ${drained.peaks.map((r) => fmt(r, 0)).join(" → ")} MB`,
    );
    const growth = drained.peaks[3] / drained.peaks[1] - 1;
    console.log(
      `server memory, peak of the last quarter against the second: ${fmt(growth * 100, 1)}% (target: no growth beyond 10%: ${growth <= 0.1 ? "met" : "MISSED"})`,
    );
    if (drained.rate < 1000 || growth > 0.1) failed = true;
    const busy = await apiWhileDelivering(dir, stores);
    const change = busy.during.rps / busy.after.rps - 1;
    row(busy.during, `${fmt(busy.deliveredDuring)} deliveries sent meanwhile`);
    row(
      busy.after,
      `change while delivering: ${fmt(change * 100, 1)}% (target no worse than -10%: ${change >= -0.1 ? "met" : "MISSED"})`,
    );
    if (change < -0.1) failed = true;
  }
  console.log(failed ? "\nsome targets were missed" : "\nall targets met");
} finally {
  await dropSchemas();
  rmSync(dir, { recursive: true, force: true });
}
