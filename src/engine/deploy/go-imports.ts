/**
 * The import paths of a Go source file, read from its header the way the Go grammar puts it: the package clause,
 * then import declarations (`import "x"`, `import name "x"`, `import ( ... )`), before any other declaration.
 * A small tokenizer (comments, raw and interpreted strings, identifiers, punctuation), not a search of the text: an
 * import path quoted in a comment or in a string further down is not an import.
 */

type Token = { kind: "word" | "string" | "punct"; text: string };

/** Tokens of the file's header, up to the first token that cannot be part of the import declarations. */
function* headerTokens(source: string): Generator<Token> {
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end + 1;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"' && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
      yield { kind: "string", text: source.slice(i + 1, j) };
      i = j + 1;
    } else if (c === "`") {
      const end = source.indexOf("`", i + 1);
      yield { kind: "string", text: source.slice(i + 1, end === -1 ? source.length : end) };
      i = end === -1 ? source.length : end + 1;
    } else if (/[\p{L}_\d]/u.test(c)) {
      const word = /^[\p{L}_\d]+/u.exec(source.slice(i, i + 200))![0];
      yield { kind: "word", text: word };
      i += word.length;
    } else {
      yield { kind: "punct", text: c };
      i++;
    }
  }
}

/** The import paths of a Go file (empty when it does not start with a package clause). */
export function goImports(source: string): string[] {
  const tokens = headerTokens(source);
  const next = (): Token | undefined => tokens.next().value as Token | undefined;
  if (next()?.text !== "package" || next()?.kind !== "word") return [];
  const out: string[] = [];
  /** one import spec: an optional name (`_`, `.`, an identifier), then the path */
  const spec = (first: Token | undefined): boolean => {
    let token = first;
    if (token && (token.kind === "word" || token.text === ".")) token = next();
    if (token?.kind !== "string") return false;
    out.push(token.text);
    return true;
  };
  for (let token = next(); token; token = next()) {
    if (token.text === ";") continue;
    if (token.text !== "import") break;
    const first = next();
    if (first?.text === "(") {
      for (let inner = next(); inner && inner.text !== ")"; inner = next()) if (inner.text !== ";" && !spec(inner)) return out;
    } else if (!spec(first)) {
      break;
    }
  }
  return out;
}
