import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli-process.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("hubcap --version", () => {
  it("prints the package's version and exits 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await runCli([flag], { cwd: tmpdir() });
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });
});
