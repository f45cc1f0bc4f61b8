import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { list } from "./option-parsers.js";

/** Users through GitHub Enterprise Server's site-admin API, which hubcap serves as GHES does. */
const userPath = (login: string) => `/admin/users/${encodeURIComponent(login)}`;

function createCommand(): Command {
  return adminCommand(
    new Command("create")
      .description("create a user and print their id")
      .argument("<login>", "the user's login")
      .option("--email <email>", "the user's email address")
      .option("--json", "print hubcap's answer as JSON")
      .action(async (login: string, opts: { email?: string; json?: boolean }, command: Command) => {
        const user = await withAdminClient(command, (client) =>
          client.request<{ login: string; id: number }>("POST", "/admin/users", {
            login,
            ...(opts.email && { email: opts.email }),
          }),
        );
        console.log(opts.json ? JSON.stringify(user, null, 2) : user.id);
      }),
  );
}

function tokenCommand(): Command {
  return adminCommand(
    new Command("token")
      .description("create a token that acts as a user (an impersonation token) and print it")
      .argument("<login>", "the user")
      .option("--scopes <list>", "OAuth scopes, e.g. repo,read:org (default: none)", list)
      .option("--json", "print hubcap's answer as JSON")
      .action(async (login: string, opts: { scopes?: string[]; json?: boolean }, command: Command) => {
        const created = await withAdminClient(command, (client) =>
          client.request<{ token: string }>(
            "POST",
            `${userPath(login)}/authorizations`,
            { scopes: opts.scopes ?? [] },
            { notFound: () => `no user \`${login}\`` },
          ),
        );
        console.log(opts.json ? JSON.stringify(created, null, 2) : created.token);
      }),
  );
}

export function userCommand(): Command {
  return new Command("user")
    .description("create users and tokens that act as them")
    .addCommand(createCommand())
    .addCommand(tokenCommand());
}
