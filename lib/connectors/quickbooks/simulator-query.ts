/**
 * The subset of Intuit's query language the connector (and node-quickbooks' find* helpers) send:
 *   select * | count(*) from <Entity> [where <cond> [and <cond>]…] [orderby <field> [asc|desc]]
 *   [startposition n] [maxresults n]
 * with =, <, >, <=, >=, LIKE ('%' wildcards) and IN (…); strings in single quotes, \' escapes a quote.
 * Comparisons of strings are case-insensitive, as in QuickBooks Online.
 */

export type Condition = { field: string; op: string; values: (string | number | boolean)[] };
export type ParsedQuery = {
  entity: string;
  count: boolean;
  where: Condition[];
  orderBy?: { field: string; desc: boolean };
  startPosition: number;
  maxResults: number;
};

export class QuerySyntaxError extends Error {}

const HEAD = /^\s*select\s+(\*|count\(\*\))\s+from\s+(\w+)\s*/i;
const TAIL = /\s*(?:orderby\s+(\w+)(?:\s+(asc|desc))?)?\s*(?:startposition\s+(\d+))?\s*(?:maxresults\s+(\d+))?\s*$/i;
const MAX_RESULTS = 1000;

export function parseQuery(text: string): ParsedQuery {
  const head = HEAD.exec(text);
  if (!head) throw new QuerySyntaxError(`Error parsing query: expected "select * from <Entity>", got "${text.slice(0, 80)}"`);
  let rest = text.slice(head[0].length);
  let where: Condition[] = [];
  if (/^where\s/i.test(rest)) {
    const parsed = parseConditions(rest.replace(/^where\s+/i, ""));
    where = parsed.conditions;
    rest = parsed.rest;
  }
  const tail = TAIL.exec(rest);
  if (!tail) throw new QuerySyntaxError(`Error parsing query near "${rest.slice(0, 40)}"`);
  const maxResults = tail[4] ? Number(tail[4]) : 100;
  if (maxResults > MAX_RESULTS) throw new QuerySyntaxError(`maxresults must be at most ${MAX_RESULTS}`);
  return {
    entity: head[2],
    count: head[1] !== "*",
    where,
    orderBy: tail[1] ? { field: tail[1], desc: tail[2]?.toLowerCase() === "desc" } : undefined,
    startPosition: tail[3] ? Math.max(1, Number(tail[3])) : 1,
    maxResults,
  };
}

/** A small tokenizer: conditions joined by "and", stopping at the first clause keyword. */
function parseConditions(text: string): { conditions: Condition[]; rest: string } {
  const conditions: Condition[] = [];
  let rest = text;
  for (let guard = 0; guard < 50; guard++) {
    const m = /^(\w+(?:\.\w+)?)\s*(<=|>=|=|<|>|like\b|in\b)\s*/i.exec(rest);
    if (!m) throw new QuerySyntaxError(`Error parsing query near "${rest.slice(0, 40)}"`);
    rest = rest.slice(m[0].length);
    const op = m[2].toUpperCase();
    const { values, rest: after } = op === "IN" ? readList(rest) : readValue(rest);
    conditions.push({ field: m[1], op, values });
    rest = after.trimStart();
    if (!/^and\s/i.test(rest)) return { conditions, rest };
    rest = rest.replace(/^and\s+/i, "");
  }
  throw new QuerySyntaxError("Too many conditions");
}

function readList(text: string): { values: Condition["values"]; rest: string } {
  if (!text.startsWith("(")) throw new QuerySyntaxError("IN expects a list in parentheses");
  let rest = text.slice(1);
  const values: Condition["values"] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const v = readValue(rest.trimStart());
    values.push(...v.values);
    rest = v.rest.trimStart();
    if (rest.startsWith(")")) return { values, rest: rest.slice(1) };
    if (!rest.startsWith(",")) throw new QuerySyntaxError("Expected , or ) in IN list");
    rest = rest.slice(1);
  }
  throw new QuerySyntaxError("IN list too long");
}

function readValue(text: string): { values: Condition["values"]; rest: string } {
  if (text.startsWith("'")) {
    let out = "";
    for (let i = 1; i < text.length; i++) {
      const c = text[i];
      if (c === "\\" && text[i + 1] === "'") {
        out += "'";
        i++;
      } else if (c === "'") {
        return { values: [out], rest: text.slice(i + 1) };
      } else out += c;
    }
    throw new QuerySyntaxError("Unterminated string literal");
  }
  const m = /^(true|false|-?\d+(?:\.\d+)?)/i.exec(text);
  if (!m) throw new QuerySyntaxError(`Expected a value near "${text.slice(0, 40)}"`);
  const raw = m[1].toLowerCase();
  const value = raw === "true" ? true : raw === "false" ? false : Number(raw);
  return { values: [value], rest: text.slice(m[0].length) };
}

function like(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*")}$`, "i");
  return re.test(value);
}

function compare(a: unknown, b: string | number | boolean): number {
  if (typeof b === "string") return String(a ?? "").localeCompare(b, "en", { sensitivity: "accent" });
  if (typeof b === "number") return Number(a) - b;
  return a === b ? 0 : 1;
}

export function matches(value: unknown, cond: Condition): boolean {
  const [first] = cond.values;
  switch (cond.op) {
    case "=":
      return compare(value, first) === 0;
    case "IN":
      return cond.values.some((v) => compare(value, v) === 0);
    case "LIKE":
      return like(String(first), String(value ?? ""));
    case "<":
      return compare(value, first) < 0;
    case ">":
      return compare(value, first) > 0;
    case "<=":
      return compare(value, first) <= 0;
    default:
      return compare(value, first) >= 0;
  }
}
