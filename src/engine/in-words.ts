/** Lists said in a message's words. */

/** "a", "a and b", "a, b and c" */
export const andList = (items: readonly string[]): string => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** "line 7", "lines 7 and 10", "lines 7, 10 and 12" */
export const linesInWords = (lines: readonly number[]): string => (lines.length > 1 ? `lines ${andList(lines.map(String))}` : `line ${lines[0]}`);
