import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { generateAppKeyPair, publicKeyPem } from "../domain/keys.js";
import { CliError } from "./cli-error.js";

interface WorldApp {
  slug?: string;
  private_key_file?: string;
  public_keys?: string[];
}

/**
 * A world file's `private_key_file`s become `public_keys`: the server reads no files for a client, so
 * the CLI does what `hubcap serve --world` does at start — read each key (relative to the world file),
 * or generate it (mode 0600) when missing — and sends only the public half.
 */
export function withPublicKeys(world: unknown, baseDir: string): { world: unknown; created: string[] } {
  const apps = (world as { apps?: unknown })?.apps;
  if (!Array.isArray(apps)) return { world, created: [] };
  const created: string[] = [];
  const sent = apps.map((app: WorldApp) => {
    if (typeof app?.private_key_file !== "string") return app;
    const { private_key_file: path, ...rest } = app;
    const file = resolve(baseDir, path);
    let pem: string;
    if (existsSync(file)) pem = readFileSync(file, "utf8");
    else {
      pem = generateAppKeyPair().privateKeyPem;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, pem, { mode: 0o600 });
      created.push(file);
    }
    try {
      return { ...rest, public_keys: [...(rest.public_keys ?? []), publicKeyPem(pem)] };
    } catch {
      throw new CliError(`apps ${app.slug ?? ""}: ${file} is not an RSA private key in PEM format`);
    }
  });
  return { world: { ...(world as object), apps: sent }, created };
}
