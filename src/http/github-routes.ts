import { GITHUB_PATHS } from "./github-paths.generated.js";

/** A trie of GitHub's path templates by segment; `{param}` segments match any one segment. */
interface Node {
  literal: Map<string, Node>;
  param?: Node;
  /** At a template's end: its text and the methods GitHub serves on it. */
  route?: { template: string; methods: Set<string> };
}

const node = (): Node => ({ literal: new Map() });

function build(): Node {
  const root = node();
  for (const entry of GITHUB_PATHS.split(/;|\n/)) {
    const line = entry.trim();
    if (!line) continue;
    const space = line.indexOf(" ");
    const template = line.slice(space + 1);
    let at = root;
    for (const segment of template.split("/").slice(1)) {
      if (segment.startsWith("{")) at = at.param ??= node();
      else {
        let next = at.literal.get(segment);
        if (!next) at.literal.set(segment, (next = node()));
        at = next;
      }
    }
    at.route = { template, methods: new Set(line.slice(0, space).split(",")) };
  }
  return root;
}

let root: Node | undefined;

/** Builds the table (a few milliseconds) as hubcap starts, not on the first request it does not know. */
export function loadGithubRoutes(): void {
  root ??= build();
}

/**
 * GitHub's path template for `method path` (`/repos/{owner}/{repo}/issues/{issue_number}/comments`),
 * or undefined when GitHub's REST API has no such route. Literal segments win over parameters, as in
 * GitHub's own routing (`/repos/{owner}/{repo}/issues/comments` is not an issue numbered "comments").
 */
export function githubRoute(method: string, path: string): string | undefined {
  root ??= build();
  const segments = path.replace(/\/+$/, "").split("/").slice(1);
  return find(root, segments, 0, method === "HEAD" ? "GET" : method);
}

function find(at: Node, segments: string[], i: number, method: string): string | undefined {
  if (i === segments.length) return at.route?.methods.has(method) ? at.route.template : undefined;
  const segment = segments[i]!;
  const literal = at.literal.get(segment);
  const found = literal && find(literal, segments, i + 1, method);
  if (found) return found;
  return segment !== "" && at.param ? find(at.param, segments, i + 1, method) : undefined;
}
