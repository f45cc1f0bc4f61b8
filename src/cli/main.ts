import { readFileSync } from "node:fs";
import { Command } from "commander";
import { appCommand } from "./app.js";
import { CliError } from "./cli-error.js";
import { clockCommand } from "./clock.js";
import { installCommand } from "./install.js";
import { repoCommand } from "./repo.js";
import { serveCommand } from "./serve.js";
import { tokenCommand } from "./token.js";
import { userCommand } from "./user.js";
import { worldCommand } from "./world.js";

const program = new Command()
  .name("hubcap")
  .description("A self-hostable GitHub Apps platform: GitHub's Apps API with real authentication.")
  .version(packageVersion(), "-V, --version", "print hubcap's version")
  .showHelpAfterError();

program.addCommand(serveCommand());
// The rest talk to a running hubcap's administration API, as its site administrator.
program.addCommand(appCommand());
program.addCommand(repoCommand());
program.addCommand(installCommand());
program.addCommand(tokenCommand());
program.addCommand(userCommand());
program.addCommand(worldCommand());
program.addCommand(clockCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A CliError is for the person at the terminal; anything else is a bug, and its stack helps fix it.
  console.error(error instanceof CliError ? `hubcap: ${error.message}` : error);
  process.exitCode = 1;
}

/** The version of the package this command belongs to (dist/cli/ is two folders below package.json). */
function packageVersion(): string {
  const json = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(json) as { version: string }).version;
}
