import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { Command, Option } from "commander";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { CliError } from "./cli-error.js";
import { withPublicKeys } from "./world-keys.js";

function exportCommand(): Command {
  return adminCommand(
    new Command("export")
      .description("write the world as a world file (ids and public keys, no secrets or tokens)")
      .option("-o, --output <file>", "write it to this file (default: print it)")
      .option(
        "--with-secrets",
        "include the apps' webhook secrets, in plain text, in a file of mode 0600 (needs --output); " +
          "client secrets and tokens are kept only as hashes and cannot be exported",
      )
      .addOption(
        new Option("--format <format>", "yaml or json (default: from the --output name, else yaml)").choices([
          "yaml",
          "json",
        ]),
      )
      .action(
        async (
          opts: { output?: string; format?: "yaml" | "json"; withSecrets?: boolean },
          command: Command,
        ) => {
          if (opts.withSecrets && !opts.output) {
            throw new CliError("--with-secrets writes secrets to a file only: give --output <file>");
          }
          const world = await withAdminClient(command, (client) =>
            client.request<object>("GET", `/_hubcap/world${opts.withSecrets ? "?secrets=true" : ""}`),
          );
          const format = opts.format ?? (opts.output && extname(opts.output) === ".json" ? "json" : "yaml");
          const text = format === "json" ? `${JSON.stringify(world, null, 2)}\n` : stringifyYaml(world);
          if (!opts.output) {
            process.stdout.write(text);
            return;
          }
          try {
            // Secrets go only to a file its owner alone may read (mode applies to a new file; chmod to one there).
            writeFileSync(opts.output, text, opts.withSecrets ? { mode: 0o600 } : {});
            if (opts.withSecrets) chmodSync(opts.output, 0o600);
          } catch (error) {
            throw new CliError(`cannot write ${resolve(opts.output)}: ${(error as Error).message}`);
          }
          console.log(`Wrote the world to ${resolve(opts.output)}`);
        },
      ),
  );
}

interface Applied {
  apps: Array<{ id: number; slug: string; client_id: string }>;
  installations: Array<{ id: number; app: string; account: string }>;
}

function importCommand(): Command {
  return adminCommand(
    new Command("import")
      .description("apply a world file (YAML or JSON), as `hubcap serve --world` does at start")
      .argument("<file>", "the world file")
      .option("--json", "print hubcap's answer as JSON")
      .action(async (file: string, opts: { json?: boolean }, command: Command) => {
        let world: unknown;
        try {
          // JSON is YAML, so one parser reads either.
          world = parseYaml(readFileSync(file, "utf8"));
        } catch (error) {
          throw new CliError(`cannot read the world file ${resolve(file)}: ${(error as Error).message}`);
        }
        const { world: sent, created } = withPublicKeys(world, dirname(resolve(file)));
        for (const key of created) console.log(`Generated a private key in ${key}`);
        const applied = await withAdminClient(command, (client) =>
          client.request<Applied>("PUT", "/_hubcap/world", sent),
        );
        if (opts.json) {
          console.log(JSON.stringify(applied, null, 2));
          return;
        }
        console.log(`Applied ${resolve(file)}`);
        for (const app of applied.apps)
          console.log(`  app ${app.slug}: id ${app.id}, client id ${app.client_id}`);
        for (const i of applied.installations)
          console.log(`  installation ${i.id}: ${i.app} on ${i.account}`);
      }),
  );
}

function resetCommand(): Command {
  return adminCommand(
    new Command("reset")
      .description("delete everything but site administrators and their tokens, and reset the clock")
      .option("--yes", "confirm: this cannot be undone")
      .action(async (opts: { yes?: boolean }, command: Command) => {
        if (!opts.yes) {
          throw new CliError(
            "world reset deletes every user, organization, repository, app and installation but site " +
              "administrators; run it with --yes to do so (and `hubcap world export` first to keep a copy)",
          );
        }
        await withAdminClient(command, (client) => client.request("POST", "/_hubcap/world/reset"));
        console.log("The world is empty again (site administrators kept)");
      }),
  );
}

export function worldCommand(): Command {
  return new Command("world")
    .description(
      "export, import and reset the whole world (users, organizations, repositories, apps, installations)",
    )
    .addCommand(exportCommand())
    .addCommand(importCommand())
    .addCommand(resetCommand());
}
