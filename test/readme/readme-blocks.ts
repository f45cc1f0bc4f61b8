import { readFileSync } from "node:fs";

const README = new URL("../../README.md", import.meta.url);

/**
 * The fenced blocks of language `lang` in the README's section `heading` (up to the next heading of
 * the same or a higher level), exactly as printed, so that a test runs what a reader copies.
 */
export function readmeBlocks(heading: string, lang: string): string[] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section ${heading}`);
  const level = /^#+/.exec(heading)![0];
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  const section = end < 0 ? rest : rest.slice(0, end);
  const fence = new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g");
  return [...section.matchAll(fence)].map((m) => m[1]!);
}
