#!/usr/bin/env node
/**
 * Extracts, from the scraped editions of GitHub's Apps API reference in a seeds folder, every
 * documented (operation, media type) with its status and example body, and writes them as JSON for
 * test/fidelity/seed-operations.test.ts.
 *
 *   node scripts/extract-seed-operations.mjs /work/shared/seeds > test/fidelity/seed-operations.json
 *
 * Two page forms are read: the versioned reference (an operation line `get /app`, a curl sample
 * with its Accept header, `Status: 200 OK` and the example on the lines after it) and the current
 * docs.github.com page (one curl line with a concrete URL, `Status: 200`, the example on one line).
 * An edition without statuses or examples (octokit's method list) gives nothing to compare.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";

const dir = process.argv[2] ?? "/work/shared/seeds";
const METHODS = "get|post|put|patch|delete";

/** The JSON value starting at `start` (balanced brackets outside strings), or undefined. */
function jsonAt(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1));
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

/** The example after a status line: JSON if the next non-blank text opens one. */
function exampleAfter(text, from) {
  const rest = text.slice(from);
  const match = /^\s*([[{])/.exec(rest);
  return match ? jsonAt(text, from + match.index + match[0].length - 1) : undefined;
}

function edition(text) {
  if (/^Showing content from https:\/\/docs\.github\.com/m.test(text)) return "docs.github.com (current)";
  if (/Frecuentemente publicamos/.test(text)) return "Spanish (es-ES) reference";
  if (/ドキュメントには頻繁に更新/.test(text)) return "Japanese (ja-JP) reference";
  if (/https:\/\/\{hostname\}/.test(text)) return "English versioned reference ({hostname})";
  return "unknown edition";
}

/**
 * The credential an edition states for an operation, from its sentence ("You must use a JWT to access
 * this endpoint.", …); undefined where it states none (the manifest conversion).
 */
const CREDENTIALS = [
  [/must use a JWT/, "jwt"],
  [/must use an installation access token/, "installation"],
  [
    /must use Basic Authentication when accessing this endpoint, using the OAuth application's client_id/,
    "client",
  ],
  [/Authentication works differently with this particular endpoint\. You must use Basic/, "client"],
  [/must use a personal access token/, "personal"],
  [/must use a user-to-server OAuth access token/, "user-to-server"],
  [/If the GitHub App you specify is public, you can access this endpoint without authenticating/, "none"],
];
function credentialIn(text) {
  return CREDENTIALS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The text of an operation's description: after the previous section's last notes, before `get /…`. */
function descriptionBefore(text, index) {
  const before = text.slice(Math.max(0, index - 2500), index);
  const ends = [
    before.lastIndexOf("☝️ This header is required."),
    before.lastIndexOf("\n}\n"),
    before.lastIndexOf("\n]\n"),
    before.lastIndexOf("Status: "),
  ];
  return before.slice(Math.max(0, ...ends));
}

/** Versioned pages: `get /app` lines, each followed by its curl sample and responses. */
function versioned(file, text) {
  const found = [];
  const heads = [...text.matchAll(new RegExp(`^(${METHODS}) (/\\S+)$`, "gm"))];
  heads.forEach((head, i) => {
    const end = i + 1 < heads.length ? heads[i + 1].index : text.length;
    const section = text.slice(head.index, end);
    const accept = /-H "Accept: ([^"]+)"/.exec(section)?.[1];
    const status = /^Status: (\d{3})[^\n]*$/m.exec(section);
    if (!accept || !status) return;
    const body = exampleAfter(section, status.index + status[0].length);
    const op = {
      method: head[1].toUpperCase(),
      path: head[2],
      accept,
      credential: credentialIn(descriptionBefore(text, head.index)) ?? null,
      status: Number(status[1]),
      body: body ?? null,
      source: { file, edition: edition(text), line: text.slice(0, head.index).split("\n").length },
    };
    found.push(op);
    // The preview notices after the example name more media types (`mercy-preview`: "To view the
    // topics property in calls that return repository results, you must provide a custom media
    // type"): each is one more case, asked for beside the sample's.
    const notices = section.slice(status.index);
    const named = [...notices.matchAll(/^(application\/vnd\.github\.[\w.-]+\+json)$/gm)].map((m) => m[1]);
    const extra = [...new Set(named)].filter((type) => !accept.split(",").includes(type));
    if (extra.length > 0) found.push({ ...op, accept: [accept, ...extra].join(",") });
  });
  return found;
}

/** The current page: one curl line a sample, with a concrete URL, and `Status: 200` after it. */
function current(file, text, templates) {
  const found = [];
  const samples = [...text.matchAll(/^curl -L \\(.*)$/gm)];
  samples.forEach((sample, i) => {
    const line = sample[1];
    const method = /-X (\w+)/.exec(line)?.[1] ?? "GET";
    const accept = /-H "Accept: ([^"]+)"/.exec(line)?.[1];
    const url = /https:\/\/api\.github\.com(\/\S*)/.exec(line)?.[1];
    const end = i + 1 < samples.length ? samples[i + 1].index : text.length;
    const section = text.slice(sample.index + sample[0].length, end);
    const status = /^Status: (\d{3})[^\n]*$/m.exec(section);
    if (!accept || !url || !status) return;
    const path = templateOf(method, url, templates);
    if (!path) throw new Error(`${file}: no template for ${method} ${url}`);
    found.push({
      method,
      path,
      accept,
      // The samples send the client id and secret as Basic, a `Bearer <YOUR-TOKEN>` that names no kind
      // ("bearer": the kind is the one the other editions state), or nothing.
      credential: /-u "<YOUR_CLIENT_ID>:<YOUR_CLIENT_SECRET>"/.test(line)
        ? "client"
        : /Authorization: Bearer/.test(line)
          ? "bearer"
          : "none",
      status: Number(status[1]),
      body: exampleAfter(section, status.index + status[0].length) ?? null,
      source: { file, edition: edition(text), line: text.slice(0, sample.index).split("\n").length },
    });
  });
  return found;
}

/** The path template a concrete sample URL (`/app/installations/1`, `/orgs/ORG/installation`) is of. */
function templateOf(method, url, templates) {
  const parts = url.split("?")[0].split("/");
  const fits = (template) => {
    const t = template.split("/");
    return t.length === parts.length && t.every((seg, k) => seg.startsWith("{") || seg === parts[k]);
  };
  const candidates = templates.filter((t) => t.method === method && fits(t.path));
  // The most literal template wins: `/app/installations/{id}/suspended` over `/app/{x}/{y}/{z}`.
  const literal = (p) => p.split("/").filter((s) => !s.startsWith("{")).length;
  return candidates.sort((a, b) => literal(b.path) - literal(a.path))[0]?.path;
}

/** Templates hubcap's route table and the versioned editions name, to place the current page's URLs. */
function knownTemplates(versionedOps) {
  const routes = readFileSync(new URL("../src/http/routes.ts", import.meta.url), "utf8");
  const fromRoutes = [...routes.matchAll(/method: "(\w+)",\s*path: "([^"]+)"/g)].map((m) => ({
    method: m[1],
    path: m[2],
  }));
  return [...fromRoutes, ...versionedOps.map((o) => ({ method: o.method, path: o.path }))];
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const texts = files.map((f) => [f, readFileSync(join(dir, f), "utf8")]);
const fromVersioned = texts.flatMap(([f, t]) => versioned(f, t));
const templates = knownTemplates(fromVersioned);
const fromCurrent = texts
  .filter(([, t]) => edition(t) === "docs.github.com (current)")
  .flatMap(([f, t]) => current(f, t, templates));

// One case per distinct (operation, media type, credential, status, example); the editions that agree are named together.
const cases = new Map();
for (const op of [...fromVersioned, ...fromCurrent]) {
  const key = JSON.stringify([op.method, op.path, op.accept, op.credential, op.status, op.body]);
  const seen = cases.get(key);
  if (seen) seen.sources.push(op.source);
  else
    cases.set(key, {
      method: op.method,
      path: op.path,
      accept: op.accept,
      credential: op.credential,
      status: op.status,
      body: op.body,
      sources: [op.source],
    });
}
// In the repository's JSON style, so the committed file is the script's output byte for byte.
process.stdout.write(await format(JSON.stringify([...cases.values()]), { parser: "json" }));
