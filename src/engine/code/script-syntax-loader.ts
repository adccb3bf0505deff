/**
 * Babel's reading of JavaScript and TypeScript for the usage search of plain SQL drops (script-syntax.ts), loaded
 * on demand: the analysis waits for `scriptSyntaxToLoad` before the rules of a SQL migration that drops a table or
 * column when the code it searches holds a script (analyze.ts), so a lint that drops nothing never loads Babel (test/cli/startup.test.ts). Until it is
 * loaded, callers fall back to reading the line as text.
 */
import type * as scriptSyntaxModule from "./script-syntax.js";
import { loadOnce } from "../load-once.js";

let reader: typeof scriptSyntaxModule | undefined;

export const loadScriptSyntax = loadOnce(async () => {
  reader ??= await import("./script-syntax.js");
});

/** What to wait for before the rules need it: undefined once it is loaded. */
export const scriptSyntaxToLoad = (): Promise<void> | undefined => (reader ? undefined : loadScriptSyntax());

/** A JavaScript or TypeScript file, the only kind Babel reads: a drop beside Go or Java code alone loads nothing. */
export const isScriptPath = (path: string): boolean => /\.(?:[mc]?[jt]s|[jt]sx)$/.test(path);

/** The reader, when loaded. */
export const scriptSyntaxReader = () => reader;
