import { InvalidArgumentError } from "commander";

/** `a,b , c` → ["a", "b", "c"]: how lists are given on the command line (events, repositories, scopes). */
export function list(value: string): string[] {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0)
    throw new InvalidArgumentError("It must list at least one name, separated by commas.");
  return items;
}

const ACCESS = ["read", "write", "admin"];

/** `issues=write,contents=read` → `{ issues: "write", contents: "read" }`, as in an app manifest. */
export function permissions(value: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of list(value)) {
    const [name, access, ...rest] = pair.split("=");
    if (!name || !access || rest.length > 0 || !ACCESS.includes(access)) {
      throw new InvalidArgumentError(`Each must be name=read, name=write or name=admin, not "${pair}".`);
    }
    result[name] = access;
  }
  return result;
}

export function positiveId(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError("It must be a positive whole number.");
  }
  return n;
}
