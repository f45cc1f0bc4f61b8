import { Command } from "commander";
import { serveCommand } from "./serve.js";

const program = new Command()
  .name("hubcap")
  .description("A self-hostable GitHub Apps platform: GitHub's Apps API with real authentication.")
  .showHelpAfterError();

program.addCommand(serveCommand());

await program.parseAsync(process.argv);
