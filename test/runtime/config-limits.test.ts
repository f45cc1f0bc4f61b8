import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig } from "../../src/config.js";
import { DEFAULT_SERVER_LIMITS, serverLimits } from "../../src/http/server-limits.js";

const env = (vars: Record<string, string>) => ({ HUBCAP_SECRET_KEY: "k", ...vars });

describe("the limits an operator sets through the environment", () => {
  it("reads each timeout and the connection cap, and keeps the defaults for the rest", () => {
    const config = resolveConfig(
      { db: ":memory:" },
      env({
        HUBCAP_HEADERS_TIMEOUT_MS: "5000",
        HUBCAP_REQUEST_TIMEOUT_MS: "60000",
        HUBCAP_KEEP_ALIVE_TIMEOUT_MS: "7000",
        HUBCAP_IDLE_TIMEOUT_MS: "90000",
        HUBCAP_MAX_CONNECTIONS: "200",
        HUBCAP_WEBHOOK_TIMEOUT_MS: "3000",
      }),
    );
    expect(config.serverLimits).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 60000,
      keepAliveTimeoutMs: 7000,
      idleTimeoutMs: 90000,
      maxConnections: 200,
    });
    expect(config.webhookTimeoutMs).toBe(3000);
    const defaults = resolveConfig({ db: ":memory:" }, env({}));
    expect(serverLimits(defaults.serverLimits)).toEqual(DEFAULT_SERVER_LIMITS);
    expect(defaults.webhookTimeoutMs).toBe(10_000);
  });

  it("refuses a value that is not a positive whole number, naming the variable", () => {
    expect(() => resolveConfig({ db: ":memory:" }, env({ HUBCAP_MAX_CONNECTIONS: "lots" }))).toThrow(
      new ConfigError("HUBCAP_MAX_CONNECTIONS must be a positive whole number, not lots"),
    );
    expect(() => resolveConfig({ db: ":memory:" }, env({ HUBCAP_WEBHOOK_TIMEOUT_MS: "-1" }))).toThrow(
      ConfigError,
    );
  });

  it("never lets the headers outwait the whole request", () => {
    expect(serverLimits({ headersTimeoutMs: 20_000, requestTimeoutMs: 5000 }).headersTimeoutMs).toBe(5000);
  });
});
