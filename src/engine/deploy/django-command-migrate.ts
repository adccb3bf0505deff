/**
 * Whether a Django management command's module applies the migrations: it calls `call_command("migrate", ...)`
 * (imported from django.core.management, or as `management.call_command`), as DefectDojo's complete_initialization
 * does before it loads its fixtures. Read with tree-sitter's Python grammar, loaded only when the deploy meets such a
 * module (deploy-readers.ts). The line of the call is the evidence.
 */
import type { SourceFile } from "../model.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { callParts, plainString, type CallParts } from "../adapters/python/nodes.js";
import { TooComplexError } from "../limits.js";

export { loadPythonParser } from "../adapters/python/parser.js";

const isCallCommand = (fn: PyNode) => fn.text === "call_command" || (fn.type === "attribute" && fn.childForFieldName("attribute")?.text === "call_command");

/** `call_command("migrate", ...)`, or `management.call_command(...)`: the call applies the migrations */
export const callsMigrate = (parts: CallParts): boolean => isCallCommand(parts.function) && plainString(parts.positional[0]) === "migrate";

/** The 1-based line of the module's first `call_command("migrate", ...)`, if any. */
export function migrateCallLine(file: SourceFile): number | undefined {
  try {
    return withPythonTree(file.content, (root) => {
      for (const call of root.descendantsOfType("call")) {
        if (!call) continue;
        const parts = callParts(call);
        if (parts && callsMigrate(parts)) return call.startPosition.row + 1;
      }
      return undefined;
    });
  } catch (error) {
    // a module too deep to read says nothing of what it runs
    if (error instanceof TooComplexError) return undefined;
    throw error;
  }
}
