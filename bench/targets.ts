// The targets, in one table. Ratios are to the hello-world server measured in the same run: absolute
// figures drift between runs and machines, ratios measured in one run hold (../shared/PERFORMANCE-NOTES.md).
import { fmt } from "./lib/figures.js";

/** What a target sees of the run: the hello-world rate, and the other figures of the same build. */
export interface Run {
  hello: number;
  value(id: string): number | undefined;
}

export interface Target {
  /** The id of the figure judged. */
  figure: string;
  wants: string;
  /** Whether the figure meets the target, and what it was compared by; undefined when it cannot be judged. */
  judge(value: number, run: Run): { met: boolean; detail?: string } | undefined;
}

const timesHello = (figure: string, ratio: number): Target => ({
  figure,
  wants: `≥ ${ratio} × hello`,
  judge: (value, run) => ({ met: value / run.hello >= ratio }),
});

const atLeast = (figure: string, floor: number, unit: string): Target => ({
  figure,
  wants: `≥ ${fmt(floor)}${unit}`,
  judge: (value) => ({ met: value >= floor }),
});

const below = (figure: string, ceiling: number, unit: string): Target => ({
  figure,
  wants: `< ${fmt(ceiling)}${unit}`,
  judge: (value) => ({ met: value < ceiling }),
});

/** A request on the large world is to be no more than 20% slower than the same on the small one. */
const likeSmall = (request: string): Target => ({
  figure: `large/${request}`,
  wants: "within 20% of small",
  judge: (value, run) => {
    const small = run.value(`small/${request}`);
    return small === undefined
      ? undefined
      : { met: value / small >= 0.8, detail: `${fmt(value / small, 3)} × small` };
  },
});

export const targets: readonly Target[] = [
  timesHello("small/jwt-read", 0.2),
  timesHello("small/token-read", 0.35),
  atLeast("small/mint", 3000, "/s"),
  below("large/build-seconds", 60, " s"),
  ...["jwt-read", "mint", "token-read", "token-read-10", "list-first"].map(likeSmall),
  below("large/rss", 300, " MB"),
  atLeast("webhooks/drain-rate", 1000, "/s"),
  {
    figure: "webhooks/drain-growth",
    wants: "no growth beyond 10%",
    judge: (value) => ({ met: value <= 10 }),
  },
  {
    figure: "webhooks/api-change",
    wants: "no worse than -10%",
    judge: (value) => ({ met: value >= -10 }),
  },
];
