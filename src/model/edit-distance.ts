/**
 * How far apart two words are, for "did you mean …?": the Damerau–Levenshtein distance in its optimal string
 * alignment form (insertions, deletions, substitutions and swaps of two neighbours each count 1; "stauts" is 1
 * from "status"). Over code points, so an accented letter is one letter.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // rows i-2, i-1 and i of the (s.length + 1) × (t.length + 1) table
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length] as number;
}
