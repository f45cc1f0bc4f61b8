import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";

/** `hubcap repo create` — a repository of any user or organization, made as the site administrator. */
function createCommand(): Command {
  return adminCommand(
    new Command("create")
      .description("create a repository of a user or organization and print its id")
      .argument("<owner>", "the user or organization that owns it")
      .argument("<name>", "the repository's name")
      .option("--private", "make it private (default: public)")
      .option("--description <text>", "what it holds")
      .option("--json", "print hubcap's answer as JSON")
      .action(
        async (
          owner: string,
          name: string,
          opts: { private?: boolean; description?: string; json?: boolean },
          command: Command,
        ) => {
          const repository = await withAdminClient(command, (client) =>
            client.request<{ id: number }>(
              "POST",
              "/_hubcap/repos",
              {
                owner,
                name,
                private: opts.private ?? false,
                ...(opts.description && { description: opts.description }),
              },
              { notFound: () => `no user or organization \`${owner}\`` },
            ),
          );
          console.log(opts.json ? JSON.stringify(repository, null, 2) : repository.id);
        },
      ),
  );
}

export function repoCommand(): Command {
  return new Command("repo").description("create repositories").addCommand(createCommand());
}
