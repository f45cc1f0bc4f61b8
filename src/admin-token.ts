import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hubcap } from "./domain/hubcap.js";
import { generateToken } from "./domain/tokens.js";

/** The site administrator every hubcap has, whose token the CLI uses against a running server. */
export const ADMIN_LOGIN = "hubcap-admin";

export const adminTokenFile = (dataDir: string) => join(dataDir, "admin-token");

/**
 * Makes sure hubcap can be administered: a site-admin user `hubcap-admin` whose token is kept in the
 * data directory (mode 0600), made on first start and honoured on every start after, whatever the
 * store (an in-memory one forgets it at each exit).
 */
export async function ensureAdminToken(
  hub: Hubcap,
  dataDir: string,
): Promise<{ login: string; file: string }> {
  const file = adminTokenFile(dataDir);
  let token = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (!/^ghp_[A-Za-z0-9]{30,}$/.test(token)) {
    token = generateToken("ghp_");
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  await hub.world.apply(
    { users: [{ login: ADMIN_LOGIN, name: "hubcap administrator", site_admin: true, token }] },
    { baseDir: dataDir },
  );
  return { login: ADMIN_LOGIN, file };
}
