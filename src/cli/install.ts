import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { list } from "./option-parsers.js";

interface Installation {
  id: number;
}

/** `hubcap install` — what a person does on an app's install page; the app hears `installation.created`. */
export function installCommand(): Command {
  return adminCommand(
    new Command("install")
      .description("install an app on a user or organization and print the installation's id")
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
          const appPath = `/_hubcap/apps/${encodeURIComponent(slug)}`;
          const installation = await withAdminClient(command, (client) =>
            client.request<Installation>(
              "POST",
              `${appPath}/installations`,
              { account, ...(opts.repos && { repositories: opts.repos }) },
              {
                // The app is looked up first, so if it is there, the account is what is missing.
                notFound: async () =>
                  (await client.exists(appPath))
                    ? `no user or organization \`${account}\``
                    : `no app with slug \`${slug}\``,
              },
            ),
          );
          // The id alone, so that `ID=$(hubcap install …)` works in a script.
          console.log(opts.json ? JSON.stringify(installation, null, 2) : installation.id);
        },
      ),
  );
}
