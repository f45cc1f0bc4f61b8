import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { CompiledQuery } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PreviewRequiredError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from "../../src/domain/errors.js";
import { OAuthError } from "../../src/domain/oauth/oauth-error.js";
import { outage } from "../../src/store/outage.js";
import { SqliteExecutor } from "../../src/store/sqlite-executor.js";

describe("domain errors", () => {
  it("each declare GitHub's status and message", () => {
    const cases: Array<[Error & { status: number }, number, string]> = [
      [new NotFoundError(), 404, "Not Found"],
      [new UnauthorizedError(), 401, "Bad credentials"],
      [
        new ForbiddenError("Resource not accessible by integration"),
        403,
        "Resource not accessible by integration",
      ],
      [new ValidationError("Validation Failed"), 422, "Validation Failed"],
      [new BadRequestError("Problems parsing JSON"), 400, "Problems parsing JSON"],
      [new ConflictError("Conflict"), 409, "Conflict"],
      [new GoneError("Gone"), 410, "Gone"],
      [new PreviewRequiredError("preview"), 415, "preview"],
      [new UnavailableError(), 503, "Service Unavailable"],
      [new OAuthError("bad_verification_code"), 400, "The code passed is incorrect or expired."],
    ];
    for (const [error, status, message] of cases) {
      expect([error.constructor.name, error.status, error.message]).toEqual([
        error.constructor.name,
        status,
        message,
      ]);
    }
  });

  it("carry the headers GitHub sends with them", () => {
    expect(new UnauthorizedError().headers()).toEqual({ "www-authenticate": 'Bearer realm="GitHub"' });
    expect(new UnavailableError().headers()).toEqual({ "retry-after": "1" });
    const limited = new RateLimitedError("API rate limit exceeded for installation ID 1.", {
      limit: 5000,
      used: 5000,
      remaining: 0,
      resetAt: 1700000000,
      resource: "core",
    });
    expect(limited.status).toBe(403);
    expect(limited.headers()).toEqual({
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": "5000",
      "x-ratelimit-reset": "1700000000",
      "x-ratelimit-resource": "core",
    });
    expect(
      new ValidationError("Validation Failed", [{ resource: "R", field: "f", code: "invalid" }]).errors,
    ).toHaveLength(1);
  });
});

describe("the stores' outages", () => {
  it("become one UnavailableError, with the driver's error as its cause", () => {
    for (const driverError of [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
    ]) {
      const translated = outage(driverError);
      expect(translated).toBeInstanceOf(UnavailableError);
      expect((translated as Error).cause).toBe(driverError);
    }
  });

  it("leave every other failure as it is", () => {
    const unique = Object.assign(new Error("duplicate key value"), { code: "23505" });
    expect(outage(unique)).toBe(unique);
    const bug = new TypeError("x is undefined");
    expect(outage(bug)).toBe(bug);
  });

  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("on SQLite: a file another connection holds is unavailable, not a bug", async () => {
    dir = mkdtempSync(join(tmpdir(), "hubcap-outage-"));
    const file = join(dir, "db.sqlite");
    const holder = new Database(file);
    holder.exec("CREATE TABLE t (x INTEGER)");
    const ours = new Database(file);
    ours.pragma("busy_timeout = 0");
    const executor = new SqliteExecutor(ours);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      await expect(executor.run(CompiledQuery.raw("INSERT INTO t (x) VALUES (1)"))).rejects.toBeInstanceOf(
        UnavailableError,
      );
      await expect(executor.transaction(async () => 1)).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      holder.exec("ROLLBACK");
      ours.close();
      holder.close();
    }
  });
});
