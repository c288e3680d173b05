import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Parses the common `.env` format: `KEY=value` lines, `export KEY=value`, `#` comments, single
 * quotes (literal), double quotes (`\n`, `\r`, `\t`, `\"`, `\\` escapes, may span lines) and
 * unquoted values with a trailing ` # comment`. No variable expansion.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const src = text.replace(/\r\n?/g, "\n");
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/gm;
  let match = line.exec(src);
  while (match !== null) {
    const key = match[1] as string;
    let rest = src.slice(line.lastIndex);
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      const end = findClosingQuote(rest, quote);
      if (end === -1) {
        value = (rest.split("\n")[0] ?? "").trim();
        rest = "";
      } else {
        value = rest.slice(1, end);
        if (quote === '"') value = unescapeDouble(value);
        rest = rest.slice(end + 1);
      }
      line.lastIndex = src.length - rest.length;
    } else {
      const eol = rest.indexOf("\n");
      const raw = eol === -1 ? rest : rest.slice(0, eol);
      value = raw.replace(/[ \t]+#.*$/, "").trim();
      line.lastIndex += raw.length;
    }
    out[key] = value;
    match = line.exec(src);
  }
  return out;
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(value: string): string {
  return value.replace(/\\([nrt"\\])/g, (_, c: string) =>
    c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c,
  );
}

/** A variable read from a dotenv file, with the file it came from. */
export interface DotenvValue {
  value: string;
  file: string;
}

/**
 * Reads `.env` then `.env.local` from `dir` (a later file wins); missing files are skipped.
 * Returns each variable with the name of the file that set it.
 */
export function readDotenvFiles(
  dir: string,
  files: readonly string[] = [".env", ".env.local"],
): Map<string, DotenvValue> {
  const values = new Map<string, DotenvValue>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), "utf8");
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(parseDotenv(text))) values.set(key, { value, file });
  }
  return values;
}
