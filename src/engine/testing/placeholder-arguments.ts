/**
 * `...` standing for arguments in a fix's code (`op.create_index(..., postgresql_concurrently=True)`). Python reads
 * it as Ellipsis and Ruby as an argument forward, so the parse check passes while the fix cannot run as printed: a
 * fix carries the migration's real arguments, or says in a comment what it does not know. Comments may use `...`.
 */
const PLACEHOLDER = /\(\s*\.\.\.|\.\.\.\s*\)|\[\s*\.\.\.\s*\]/;

/** The line without its comment (`#` in Python and Ruby, `--` in SQL), quotes respected. */
function codeOf(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "#" || (c === "-" && line[i + 1] === "-")) return line.slice(0, i);
  }
  return line;
}

/** The first line of `fix` whose code (not its comment) has `...` as an argument, or undefined. */
export function placeholderArgument(fix: string): string | undefined {
  return fix.split("\n").find((line) => PLACEHOLDER.test(codeOf(line)));
}

/**
 * A name or value the fix stands in for instead of reading it: `:other_table`, `:column_name`, `"<the CHECK
 * expression>"`, `<...>`. It parses, so the syntax check cannot see it; comments may still describe what is unknown.
 */
const PLACEHOLDER_NAME = /:other_table\b|:column_name\b|<the |<\.\.\.>|<[A-Za-z][\w'.,-]*(?: [\w'.,-]+)+>/;

/** The first line of `fix` whose code (not its comment) holds a placeholder name or value, or undefined. */
export function placeholderName(fix: string): string | undefined {
  return fix.split("\n").find((line) => PLACEHOLDER_NAME.test(codeOf(line)));
}
