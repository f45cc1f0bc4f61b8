import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { positiveId } from "./option-parsers.js";

/**
 * `hubcap token` — an installation access token, as the app would mint it but without its private key.
 * It prints the token alone so that `$(hubcap token 1)` works in a shell.
 */
export function tokenCommand(): Command {
  return adminCommand(
    new Command("token")
      .description("mint an installation access token (valid for an hour) and print it")
      .argument("<installation-id>", "the installation, as `hubcap install` printed it", positiveId)
      .option("--json", "print hubcap's answer as JSON (with expires_at and permissions)")
      .action(async (id: number, opts: { json?: boolean }, command: Command) => {
        const issued = await withAdminClient(command, (client) =>
          client.request<{ token: string }>("POST", `/_hubcap/installations/${id}/access_tokens`, undefined, {
            notFound: () => `no installation ${id}`,
          }),
        );
        console.log(opts.json ? JSON.stringify(issued, null, 2) : issued.token);
      }),
  );
}
