/**
 * HTML to plain text for strip-html. A single linear scan (no regex over tags, so unterminated or
 * hostile markup cannot make it backtrack): tags and comments are dropped, script/style contents
 * with them, <br> and the ends of block elements become line breaks, entities are decoded, and
 * whitespace is tidied. Text that only looks like a tag ("a < b") is kept.
 */

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "div", "dl", "dt", "dd", "fieldset", "figcaption", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
  "table", "tr", "ul",
]);
const RAW_TEXT = new Set(["script", "style", "template", "noscript"]);

/** Named entities seen in shop product texts; others stay as written. */
const ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", shy: "",
  ndash: "–", mdash: "—", hellip: "…", bull: "•", middot: "·", laquo: "«", raquo: "»",
  lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
  copy: "©", reg: "®", trade: "™", deg: "°", euro: "€", pound: "£", yen: "¥", cent: "¢", sect: "§", para: "¶",
  times: "×", divide: "÷", plusmn: "±", frac12: "½", frac14: "¼", frac34: "¾", sup2: "²", sup3: "³", micro: "µ",
  aring: "å", Aring: "Å", auml: "ä", Auml: "Ä", ouml: "ö", Ouml: "Ö", uuml: "ü", Uuml: "Ü", aelig: "æ", AElig: "Æ",
  oslash: "ø", Oslash: "Ø", eacute: "é", Eacute: "É", egrave: "è", Egrave: "È", ecirc: "ê", euml: "ë", aacute: "á",
  agrave: "à", acirc: "â", atilde: "ã", iacute: "í", igrave: "ì", icirc: "î", iuml: "ï", oacute: "ó", ograve: "ò",
  ocirc: "ô", otilde: "õ", uacute: "ú", ugrave: "ù", ucirc: "û", ntilde: "ñ", Ntilde: "Ñ", ccedil: "ç", Ccedil: "Ç",
  szlig: "ß", thorn: "þ", eth: "ð", yuml: "ÿ",
};

function decodeEntity(body: string): string | undefined {
  if (body[0] === "#") {
    const hex = body[1] === "x" || body[1] === "X";
    const digits = body.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
    const cp = parseInt(digits, hex ? 16 : 10);
    // NUL, surrogates and out-of-range code points cannot be stored: the replacement character.
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
    return String.fromCodePoint(cp);
  }
  return Object.hasOwn(ENTITIES, body) ? ENTITIES[body] : undefined;
}

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf("&", i);
    if (amp < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, amp);
    const semi = text.indexOf(";", amp + 1);
    const decoded = semi > amp && semi - amp <= 12 ? decodeEntity(text.slice(amp + 1, semi)) : undefined;
    if (decoded === undefined) {
      out += "&";
      i = amp + 1;
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

const isLetter = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

export function stripHtml(html: string): string {
  let text = "";
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    const next = html[lt + 1];
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const closing = next === "/";
    if (!(isLetter(next) || (closing && isLetter(html[lt + 2])) || next === "!" || next === "?")) {
      text += "<"; // not a tag: "a < b", "<3"
      i = lt + 1;
      continue;
    }
    // Scan to the tag's end, honouring quoted attribute values that may contain ">".
    let j = lt + 1;
    let quote = "";
    for (; j < n; j++) {
      const c = html[j];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
    }
    const nameStart = lt + (closing ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < j && /[A-Za-z0-9]/.test(html[nameEnd])) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    i = j + 1;
    if (name === "br") text += "\n";
    else if (BLOCK.has(name) && !text.endsWith("\n")) text += "\n"; // one break per block boundary
    if (!closing && RAW_TEXT.has(name) && html[j - 1] !== "/") {
      // A literal, case-insensitive search (lower-casing the text could shift indexes).
      const endTag = new RegExp(`</${name}`, "gi");
      endTag.lastIndex = i;
      const end = endTag.exec(html);
      if (!end) break;
      i = end.index;
    }
  }
  return tidy(decodeEntities(text));
}

/** Collapses spaces and tabs, trims each line, keeps at most one empty line between paragraphs. */
function tidy(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/[ \t\f\v\u00a0]+/g, " ").trim());
  const out: string[] = [];
  for (const line of lines) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}
