import { defineConfig } from "vitest/config";
import { postgresBinary } from "./test/helpers/postgres-cluster.js";

// The whole suite runs on each store. PostgreSQL runs where its server binaries are installed
// (.ci/run installs them); the harness makes a throwaway cluster for the run.
const withPostgres = postgresBinary("initdb") !== undefined && postgresBinary("pg_ctl") !== undefined;

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/postgres/**"],
          env: { HUBCAP_TEST_STORE: "sqlite" },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true,
              test: {
                name: "postgres",
                // The CLI's own tests start processes on their default SQLite store; the pages' browser
                // tests exercise pages, not the store, and take a browser's time: SQLite runs them. So
                // do the README's scripts, which start `hubcap serve` as a reader does.
                include: ["test/**/*.test.ts"],
                exclude: ["test/cli/**", "test/web/**", "test/readme/**"],
                env: { HUBCAP_TEST_STORE: "postgres" },
                globalSetup: ["test/helpers/postgres-global-setup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
