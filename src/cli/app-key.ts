import { resolve } from "node:path";
import { Command } from "commander";
import { withAdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { keyFileTarget, unsavedKey, writeKeyFile } from "./key-file.js";
import { positiveId } from "./option-parsers.js";

interface AppKey {
  id: number;
  fingerprint: string;
  created_at: string;
  pem?: string;
}

const keysOf = (slug: string) => `/_hubcap/apps/${encodeURIComponent(slug)}/keys`;
const noApp = (slug: string) => `no app with slug \`${slug}\``;

function createCommand(): Command {
  return adminCommand(
    new Command("create")
      .description("make another private key for an app and write it to a file")
      .argument("<app-slug>", "the app")
      .option("--key-file <path>", "where to write the key (default: ./<app-slug>.<key id>.private-key.pem)")
      .option("--force", "replace the key file if it exists")
      .option("--json", "print hubcap's answer as JSON (the key is written to the file, not printed)")
      .action(
        async (
          slug: string,
          opts: { keyFile?: string; force?: boolean; json?: boolean },
          command: Command,
        ) => {
          const force = opts.force ?? false;
          const chosen = opts.keyFile && keyFileTarget(opts.keyFile, force);
          const key = await withAdminClient(command, (client) =>
            client.request<AppKey>("POST", keysOf(slug), undefined, { notFound: () => noApp(slug) }),
          );
          // The default name holds the key's id, known only now; writing it never replaces a file unasked.
          const file = chosen || resolve(`${slug}.${key.id}.private-key.pem`);
          try {
            writeKeyFile(file, key.pem!, force);
          } catch (error) {
            throw unsavedKey(file, slug, error);
          }
          if (opts.json) {
            const { pem: _written, ...rest } = key;
            console.log(JSON.stringify({ ...rest, private_key_file: file }, null, 2));
            return;
          }
          console.error(`Made key ${key.id} (${key.fingerprint}) for ${slug}, written to ${file}`);
          console.log(key.id);
        },
      ),
  );
}

function listCommand(): Command {
  return adminCommand(
    new Command("list")
      .description("list an app's private keys (their ids and fingerprints)")
      .argument("<app-slug>", "the app")
      .option("--json", "print hubcap's answer as JSON")
      .action(async (slug: string, opts: { json?: boolean }, command: Command) => {
        const keys = await withAdminClient(command, (client) =>
          client.request<AppKey[]>("GET", keysOf(slug), undefined, { notFound: () => noApp(slug) }),
        );
        if (opts.json) console.log(JSON.stringify(keys, null, 2));
        else for (const key of keys) console.log(`${key.id}\t${key.fingerprint}\t${key.created_at}`);
      }),
  );
}

function deleteCommand(): Command {
  return adminCommand(
    new Command("delete")
      .description("delete one of an app's private keys: JWTs it signs are refused from then on")
      .argument("<app-slug>", "the app")
      .argument("<key-id>", "the key, as `hubcap app key list` shows it", positiveId)
      .action(async (slug: string, id: number, _opts: object, command: Command) => {
        await withAdminClient(command, (client) => client.request("DELETE", `${keysOf(slug)}/${id}`));
        console.log(`Deleted key ${id} of ${slug}`);
      }),
  );
}

export function appKeyCommand(): Command {
  return new Command("key")
    .description("make, list and delete an app's private keys")
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(deleteCommand());
}
