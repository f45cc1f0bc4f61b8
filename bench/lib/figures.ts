import type { Rate } from "./measure.js";
import type { Build } from "./server.js";

export type Unit = "req/s" | "/s" | "MB" | "s" | "%";

/** One number the bench reports. */
export interface Figure {
  /** Stable: pairs the figure with its target, and with the same figure of the other build. */
  id: string;
  name: string;
  value: number;
  unit: Unit;
  /** Milliseconds, for throughputs. */
  p99?: number;
  note?: string;
}

export const throughput = (id: string, name: string, rate: Rate, note?: string): Figure => ({
  id,
  name,
  value: rate.rps,
  unit: "req/s",
  p99: rate.p99,
  ...(note !== undefined && { note }),
});

/** The figures of one run, per build, in the order they were measured. */
export class Results {
  private readonly byBuild = new Map<Build["name"], Map<string, Figure>>();
  private readonly order: string[] = [];

  add(build: Build, ...figures: Figure[]): void {
    let figuresOfBuild = this.byBuild.get(build.name);
    if (!figuresOfBuild) this.byBuild.set(build.name, (figuresOfBuild = new Map()));
    for (const figure of figures) {
      if (!this.order.includes(figure.id)) this.order.push(figure.id);
      figuresOfBuild.set(figure.id, figure);
      const who = build.name === "current" ? "" : ` [${build.name}]`;
      console.log(`  ${figure.name}${who}: ${formatValue(figure)}${figure.note ? ` (${figure.note})` : ""}`);
    }
  }

  ids(): readonly string[] {
    return this.order;
  }

  get(build: Build["name"], id: string): Figure | undefined {
    return this.byBuild.get(build)?.get(id);
  }
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";

export function formatValue(figure: Figure): string {
  switch (figure.unit) {
    case "req/s":
    case "/s":
      return `${fmt(figure.value)}${figure.unit === "req/s" ? " " : ""}${figure.unit}`;
    case "MB":
      return `${fmt(figure.value, 1)} MB`;
    case "s":
      return `${fmt(figure.value, 1)} s`;
    case "%":
      return `${figure.value > 0 ? "+" : ""}${fmt(figure.value, 1)}%`;
  }
}
