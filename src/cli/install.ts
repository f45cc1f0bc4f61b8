import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { list } from "./option-parsers.js";

interface Installation {
  id: number;
  account: { login: string };
  repository_selection: "all" | "selected";
  app_slug: string;
}

/** `hubcap install` — what a person does on an app's install page; the app hears `installation.created`. */
export function installCommand(): Command {
  return adminCommand(
    new Command("install")
      .description("install an app on a user or organization")
      .argument("<app-slug>", "the app")
      .argument("<account>", "the user or organization to install it on")
      .option("--repos <list>", "only these of the account's repositories, e.g. api,web (default: all)", list)
      .option("--json", "print hubcap's answer as JSON")
      .action(
        async (
          slug: string,
          account: string,
          opts: { repos?: string[]; json?: boolean },
          command: Command,
        ) => {
          const installation = await withAdminClient(command, (client) =>
            client.request<Installation>("POST", `/_hubcap/apps/${encodeURIComponent(slug)}/installations`, {
              account,
              ...(opts.repos && { repositories: opts.repos }),
            }),
          );
          if (opts.json) {
            console.log(JSON.stringify(installation, null, 2));
            return;
          }
          const reach = opts.repos ? `repositories: ${opts.repos.join(", ")}` : "all repositories";
          console.log(
            `Installed ${installation.app_slug} on ${installation.account.login} (${reach}): installation ${installation.id}`,
          );
        },
      ),
  );
}
