import { appJwt, installationToken } from "../lib/github.js";
import type { BenchApp } from "../worlds/bench-app.js";

/** A world being served: where, as which app, and an installation token minted before measuring. */
export interface ServedWorld {
  /** "small" or "large": the prefix of the figures' names and ids. */
  world: string;
  url: string;
  app: BenchApp;
  token: string;
  /** A fresh app JWT, as a client makes one. */
  jwt(): string;
}

export async function serveWorld(world: string, url: string, app: BenchApp): Promise<ServedWorld> {
  const jwt = () => appJwt(app.appId, app.keyPem);
  const token = await installationToken(url, app.installationId, jwt());
  return { world, url, app, token, jwt };
}
