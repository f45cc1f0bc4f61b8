import type { Target } from "../targets.js";
import { fmt, formatValue, type Figure, type Results } from "./figures.js";

/**
 * The table of every figure: its value, its ratio to hello-world of the same run, the target and the
 * verdict; with a baseline, the baseline's figure beside it and the difference. Returns whether every
 * target the current build could be judged on was met.
 */
export function report(
  results: Results,
  hello: number,
  targets: readonly Target[],
  withBaseline: boolean,
): boolean {
  const columns: Array<[string, number]> = [
    ["figure", 70],
    ["value", 12],
    ["p99 ms", 7],
    ["× hello", 8],
    ...(withBaseline
      ? ([
          ["baseline", 12],
          ["p99 ms", 7],
          ["× hello", 8],
          ["Δ", 8],
        ] as Array<[string, number]>)
      : []),
  ];
  const line = (cells: string[], rest: string) =>
    console.log(
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(columns[0]![1]) : cell.padStart(columns[i]![1])))
        .join(" ") + (rest ? `  ${rest}` : ""),
    );
  console.log();
  line(
    columns.map(([title]) => title),
    "target: verdict",
  );
  let missed = false;
  for (const id of results.ids()) {
    const current = results.get("current", id);
    const baseline = results.get("baseline", id);
    const figure = current ?? baseline!;
    const target = targets.find((t) => t.figure === id);
    const judged = (build: "current" | "baseline") => {
      const own = results.get(build, id);
      if (!target || !own || !Number.isFinite(own.value)) return undefined;
      return target.judge(own.value, { hello, value: (other) => results.get(build, other)?.value });
    };
    const verdict = judged("current");
    if (verdict && !verdict.met) missed = true;
    let rest = "";
    if (target) {
      rest = `${target.wants}: ${verdict ? (verdict.met ? "met" : "MISSED") : "–"}`;
      if (verdict?.detail) rest += ` (${verdict.detail})`;
      const other = withBaseline ? judged("baseline") : undefined;
      if (other && verdict && other.met !== verdict.met)
        rest += ` [baseline: ${other.met ? "met" : "MISSED"}]`;
    }
    if (current?.note) rest += `${rest ? "; " : ""}${current.note}`;
    line(
      [
        figure.name,
        ...cells(current, hello),
        ...(withBaseline ? [...cells(baseline, hello), difference(current, baseline)] : []),
      ],
      rest,
    );
  }
  return !missed;
}

function cells(figure: Figure | undefined, hello: number): string[] {
  if (!figure) return ["", "", ""];
  return [
    formatValue(figure),
    figure.p99 === undefined ? "" : fmt(figure.p99),
    figure.unit === "req/s" ? fmt(figure.value / hello, 3) : "",
  ];
}

/** The current figure against the baseline's: a change in percent, or in points for a percentage. */
function difference(current: Figure | undefined, baseline: Figure | undefined): string {
  if (!current || !baseline || !Number.isFinite(current.value) || !Number.isFinite(baseline.value)) return "";
  if (current.unit === "%")
    return `${current.value >= baseline.value ? "+" : ""}${fmt(current.value - baseline.value, 1)} pt`;
  const change = (current.value / baseline.value - 1) * 100;
  if (!Number.isFinite(change)) return "–";
  return `${change >= 0 ? "+" : ""}${fmt(change, 1)}%`;
}
