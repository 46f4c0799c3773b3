/**
 * Regular expressions written by tenants (conditions, replace-in-sku, JSONata). They run in the
 * worker's own engine, where a backtracking blow-up would stall every tenant on that worker, so
 * patterns are refused when they are long or look catastrophic (a repeated group that itself
 * repeats, "(a+)+", "(\w*\s?)*"). This is a heuristic: polynomial patterns such as ".*a.*b.*c"
 * on very long texts are still possible; inputs are bounded by the record schemas.
 */

export const MAX_PATTERN_LENGTH = 500;

/** Our own prefix for case-insensitive matching (JavaScript has no inline flags): "(?i)abc". */
const CASE_INSENSITIVE = "(?i)";

export type PreparedPattern = { source: string; flags: string };

/** Splits the "(?i)" prefix off; every pattern is compiled with the "u" flag (code points, strict syntax). */
export function preparePattern(pattern: string): PreparedPattern {
  return pattern.startsWith(CASE_INSENSITIVE)
    ? { source: pattern.slice(CASE_INSENSITIVE.length), flags: "iu" }
    : { source: pattern, flags: "u" };
}

/** Why a pattern is refused, or undefined. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return "Enter a regular expression";
  if (pattern.length > MAX_PATTERN_LENGTH) return `A regular expression is at most ${MAX_PATTERN_LENGTH} characters`;
  const { source, flags } = preparePattern(pattern);
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `Not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  return catastrophicProblem(source);
}

/** Compiles a pattern that passed regexProblem; `extraFlags` e.g. "g" for replace-all. */
export function compileRegex(pattern: string, extraFlags = ""): RegExp {
  const problem = regexProblem(pattern);
  if (problem) throw new Error(problem);
  const { source, flags } = preparePattern(pattern);
  return new RegExp(source, flags + extraFlags);
}

type Group = { repeats: boolean };

/** A repetition count above this makes a group "repeating" (bounded small counts like (\d+\.){3} are fine). */
const SMALL_REPEAT = 10;

/**
 * Star height ≥ 2: a group repeated more than SMALL_REPEAT times (*, +, {n,}, {n,m}) that contains
 * a repetition itself. Scans the source skipping escapes and character classes.
 */
export function catastrophicProblem(source: string): string | undefined {
  const stack: Group[] = [{ repeats: false }];
  let i = 0;
  const n = source.length;

  /** The quantifier at `at`: [maximum repetitions (1 when there is none), its length]. */
  const quantifier = (at: number): [number, number] => {
    const c = source[at];
    let max = 1;
    let len = 0;
    if (c === "*" || c === "+") [max, len] = [Infinity, 1];
    else if (c === "?") len = 1;
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 24));
      if (m) {
        len = m[0].length;
        max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
      }
    }
    if (len && source[at + len] === "?") len++; // lazy
    return [max, len];
  };

  while (i < n) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      i += 2;
      // \p{…}, \u{…}, \k<…>: skip the braces so they are not read as a quantifier.
      if ((next === "p" || next === "P" || next === "u") && source[i] === "{") i = source.indexOf("}", i) + 1 || n;
      else if (next === "k" && source[i] === "<") i = source.indexOf(">", i) + 1 || n;
    } else if (c === "[") {
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++;
      while (i < n && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "(") {
      stack.push({ repeats: false });
      i++;
      if (source[i] === "?") {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++;
        if (source[i] === "<" && source[i + 1] !== "=" && source[i + 1] !== "!") i = source.indexOf(">", i) + 1 || n;
        else i += source[i] === "<" ? 2 : 1;
      }
      continue;
    } else if (c === ")") {
      const group = stack.length > 1 ? stack.pop()! : { repeats: false };
      i++;
      const [max, len] = quantifier(i);
      if (max > SMALL_REPEAT && group.repeats) {
        return "This pattern repeats a group that itself repeats (like (a+)+), which can take exponential time: rewrite it without the nested repetition";
      }
      i += len;
      if (group.repeats || max > SMALL_REPEAT) stack[stack.length - 1].repeats = true;
      continue;
    } else {
      i++;
    }
    const [max, len] = quantifier(i);
    if (max > SMALL_REPEAT) stack[stack.length - 1].repeats = true;
    i += len;
  }
  return undefined;
}
