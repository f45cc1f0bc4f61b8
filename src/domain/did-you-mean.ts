/** Levenshtein distance, case-insensitive: how many edits turn `a` into `b`. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[t.length]!;
}

/**
 * The candidate closest to a misspelt `word`, if it is close enough to be what was meant: within one
 * edit for words of up to three letters, two for longer ones (so `ab` does not suggest `xy`).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance > 0 && bestDistance <= limit ? best : undefined;
}

/** "; did you mean `x`?" when a candidate is close, else nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined ? "" : `; did you mean \`${guess}\`?`;
}
