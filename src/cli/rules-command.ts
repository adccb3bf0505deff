/** `migguard rules` lists every rule; `migguard explain RULE_ID` prints its page (the same as docs/rules). */
import { CATALOGUE, catalogueEntry } from "../engine/catalogue.js";
import { UsageError } from "./usage-error.js";
import type { CommandResult } from "./lint-command.js";

export function rulesCommand(): CommandResult {
  const width = Math.max(...CATALOGUE.map((e) => e.meta.id.length));
  const lines = [...CATALOGUE]
    .sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.meta.id.localeCompare(b.meta.id))
    .map((e) => `${e.meta.id.padEnd(width)}  ${e.meta.category.padEnd(15)}  ${(e.meta.recommended === false ? "opt-in" : e.meta.severity).padEnd(7)}  ${e.meta.title}`);
  return { output: `${"rule".padEnd(width)}  ${"category".padEnd(15)}  ${"default".padEnd(7)}  what it catches\n${lines.join("\n")}\n`, exitCode: 0 };
}

export async function explainCommand(id: string | undefined): Promise<CommandResult> {
  if (!id) throw new UsageError("explain needs a RULE_ID (see `migguard rules`)");
  const entry = catalogueEntry(id);
  if (!entry) throw new UsageError(`unknown rule "${id}" (see \`migguard rules\`)`);
  // the page runs the rule's cases (and the executor for execution rules): loaded only for explain
  return { output: await (await import("./rule-docs.js")).rulePage(entry), exitCode: 0 };
}
