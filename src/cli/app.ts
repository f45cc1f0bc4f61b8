import { Command } from "commander";
import { slugFor } from "../domain/app-slug.js";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { appKeyCommand } from "./app-key.js";
import { keyFileTarget, unsavedKey, writeKeyFile } from "./key-file.js";
import { list, permissions } from "./option-parsers.js";

interface CreatedApp {
  id: number;
  slug: string;
  name: string;
  client_id: string;
  client_secret: string | null;
  webhook_secret: string | null;
  pem: string | null;
  owner: { login: string };
  [field: string]: unknown;
}

interface CreateOptions {
  name: string;
  slug?: string;
  owner?: string;
  description?: string;
  homepage?: string;
  permissions?: Record<string, string>;
  events?: string[];
  webhookUrl?: string;
  webhookSecret?: string;
  public?: boolean;
  keyFile?: string;
  force?: boolean;
  json?: boolean;
}

/** `hubcap app create` — registers an app as its settings page would, and saves its private key. */
function createCommand(): Command {
  return adminCommand(
    new Command("create")
      .description("register a GitHub App, write its private key to a file and print its id")
      .requiredOption("--name <name>", "the app's name")
      .option("--slug <slug>", "its slug (default: made from the name, as GitHub does)")
      .option("--owner <login>", "the user or organization that owns it (default: the administrator)")
      .option("--description <text>", "what it does")
      .option("--homepage <url>", "its homepage URL")
      .option("--permissions <list>", "what it may do, e.g. issues=write,contents=read", permissions)
      .option("--events <list>", "webhook events it subscribes to, e.g. issues,push", list)
      .option("--webhook-url <url>", "where its webhooks are sent")
      .option("--webhook-secret <secret>", "the secret its webhooks are signed with")
      .option("--public", "let any account install it (default: only its owner)")
      .option("--key-file <path>", "where to write its private key (default: ./<slug>.private-key.pem)")
      .option("--force", "replace the key file if it exists")
      .option("--json", "print hubcap's answer as JSON (the key is written to the file, not printed)")
      .action(async (opts: CreateOptions, command: Command) => {
        // The slug is known before asking so that the key file is checked before the app exists.
        const slug = opts.slug ?? slugFor(opts.name);
        const file = keyFileTarget(opts.keyFile ?? `${slug}.private-key.pem`, opts.force ?? false);
        const app = await withAdminClient(command, (client) =>
          client.request<CreatedApp>(
            "POST",
            "/_hubcap/apps",
            {
              name: opts.name,
              ...(opts.slug && { slug: opts.slug }),
              ...(opts.owner && { owner: opts.owner }),
              ...(opts.description && { description: opts.description }),
              ...(opts.homepage && { url: opts.homepage }),
              ...(opts.permissions && { default_permissions: opts.permissions }),
              ...(opts.events && { default_events: opts.events }),
              ...(opts.webhookUrl && { hook_attributes: { url: opts.webhookUrl, active: true } }),
              ...(opts.webhookSecret && { webhook_secret: opts.webhookSecret }),
              ...(opts.public && { public: true }),
            },
            { notFound: () => `no user or organization \`${opts.owner}\`` },
          ),
        );
        try {
          writeKeyFile(file, app.pem!, opts.force ?? false);
        } catch (error) {
          throw unsavedKey(file, app.slug, error);
        }
        if (opts.json) {
          const { pem: _written, ...rest } = app;
          console.log(JSON.stringify({ ...rest, private_key_file: file }, null, 2));
          return;
        }
        // stdout has the id alone, for `APP_ID=$(hubcap app create …)`; what a person must note down
        // (the secret is shown this once) goes to stderr, so it reaches the terminal even then.
        console.error(`Created the app ${app.name} (${app.slug}), owned by ${app.owner.login}:
  app id         ${app.id}
  client id      ${app.client_id}
  client secret  ${app.client_secret ?? "none"}${app.client_secret ? "  (shown this once: hubcap keeps only its hash)" : ""}
  private key    ${file}`);
        console.log(app.id);
      }),
  );
}

export function appCommand(): Command {
  return new Command("app")
    .description("register GitHub Apps and manage their private keys")
    .addCommand(createCommand())
    .addCommand(appKeyCommand());
}
