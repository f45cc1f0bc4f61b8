import { Command, InvalidArgumentError } from "commander";
import { withAdminClient, type AdminClient } from "./admin-client.js";
import { adminCommand } from "./admin-command.js";
import { formatDuration, parseDuration } from "./duration.js";

interface Clock {
  now: string;
  offset_seconds: number;
}

/** Every command here prints the clock as it then is. */
async function showing(command: Command, change: (client: AdminClient) => Promise<Clock>, json?: boolean) {
  const clock = await withAdminClient(command, change);
  if (json) {
    console.log(JSON.stringify(clock, null, 2));
    return;
  }
  const offset = clock.offset_seconds;
  console.log(`now     ${clock.now}
offset  ${offset === 0 ? "none: real time" : `${offset > 0 ? "+" : ""}${formatDuration(offset)} from real time`}`);
}

const patch = (body: object) => (client: AdminClient) =>
  client.request<Clock>("PATCH", "/_hubcap/clock", body);

function isoTime(value: string): string {
  if (Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError("It must be a time like 2030-01-01T00:00:00Z.");
  }
  return value;
}

/**
 * `hubcap clock` — hubcap's time, which every expiry reads (tokens, JWT windows, rate-limit windows):
 * moving it on is how a test sees an hour-old token refused without waiting an hour.
 */
export function clockCommand(): Command {
  const show = new Command("show")
    .description("show hubcap's clock (what `hubcap clock` alone does)")
    .option("--json", "print hubcap's answer as JSON")
    .action((opts: { json?: boolean }, command: Command) =>
      showing(command, (client) => client.request<Clock>("GET", "/_hubcap/clock"), opts.json),
    );
  const advance = new Command("advance")
    .description("move the clock on by a duration")
    .argument("<duration>", "e.g. 30s, 90m, 2h, 1d, 1h30m, or a number of seconds", parseDuration)
    .option("--json", "print hubcap's answer as JSON")
    .action((seconds: number, opts: { json?: boolean }, command: Command) =>
      showing(command, patch({ advance_seconds: seconds }), opts.json),
    );
  const set = new Command("set")
    .description("set the clock to a time")
    .argument("<time>", "an ISO 8601 time, e.g. 2030-01-01T00:00:00Z", isoTime)
    .option("--json", "print hubcap's answer as JSON")
    .action((time: string, opts: { json?: boolean }, command: Command) =>
      showing(command, patch({ now: time }), opts.json),
    );
  const reset = new Command("reset")
    .description("put the clock back to real time")
    .option("--json", "print hubcap's answer as JSON")
    .action((opts: { json?: boolean }, command: Command) =>
      showing(command, patch({ offset_seconds: 0 }), opts.json),
    );
  // `show` is the default rather than an action on `clock` itself: options on a command that has
  // subcommands would also be taken from its subcommands' arguments (`clock advance 1h --url …`).
  return new Command("clock")
    .description("show hubcap's clock, or move it (tokens expire as it passes)")
    .addCommand(adminCommand(show), { isDefault: true })
    .addCommand(adminCommand(advance))
    .addCommand(adminCommand(set))
    .addCommand(adminCommand(reset));
}
