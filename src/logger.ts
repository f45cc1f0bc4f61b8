import { pino, type DestinationStream, type Logger } from "pino";

export type LogFormat = "json" | "pretty";

export const LOG_FORMATS: readonly LogFormat[] = ["json", "pretty"];

/** `hubcap serve`'s logger: pino's JSON lines, or the same lines made readable, on standard output. */
export function createLogger(
  level: string,
  format: LogFormat,
  out: NodeJS.WritableStream = process.stdout,
): Logger {
  if (format === "json") return pino({ level });
  const colour = (out as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  return pino({ level }, prettyStream(out, colour));
}

const LEVELS: Record<number, [name: string, colour: number]> = {
  10: ["TRACE", 90],
  20: ["DEBUG", 36],
  30: ["INFO ", 32],
  40: ["WARN ", 33],
  50: ["ERROR", 31],
  60: ["FATAL", 35],
};

/** Fields every line has, or that the message already says: not repeated after it. */
const SHOWN = new Set([
  "level",
  "time",
  "pid",
  "hostname",
  "msg",
  "err",
  "method",
  "path",
  "status",
  "duration_ms",
]);

/**
 * pino's lines as a person reads them: `12:04:05.123 INFO  GET /app 200 1.2ms credential=app app_id=1`.
 * Written in place of pino-pretty (not a dependency): pino hands a destination each line as JSON text.
 */
export function prettyStream(out: NodeJS.WritableStream, colour: boolean): DestinationStream {
  return {
    write(line: string) {
      out.write(prettyLine(line, colour));
    },
  };
}

export function prettyLine(line: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const [name, code] = LEVELS[entry.level as number] ?? [String(entry.level), 0];
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SHOWN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const level = colour ? `\x1b[${code}m${name}\x1b[0m` : name;
  let text = `${time} ${level} ${String(entry.msg ?? "")}${fields.length ? `  ${fields.join(" ")}` : ""}\n`;
  const err = entry.err as { stack?: string; message?: string } | undefined;
  if (err) text += `${(err.stack ?? err.message ?? "").replace(/^/gm, "    ")}\n`;
  return text;
}
