/**
 * The Django adapter: `class Migration` -> the shared model. Every operation runs inside one transaction unless
 * `atomic = False` (then RunPython(atomic=True) still gets its own). Django derives the rollback itself, so the
 * down is `derived`, or irreversible at the first RunPython / RunSQL without a reverse.
 */
import type { AdapterInput } from "../index.js";
import type { Down, MigrationInput } from "../../model.js";
import { historyOf } from "./django-history.js";
import { translateOperations } from "./django-operations.js";

export function djangoMigration(input: AdapterInput): MigrationInput {
  const history = historyOf(input.history);
  const file = history.file(input.file.path, input.content);
  const label = history.appLabel(input.file.path);
  const notes = [];
  if (!file.found) notes.push({ line: 1, message: "no `class Migration` found: nothing to check in this file" });
  if (file.operationsUnreadable)
    notes.push({ line: file.operationsUnreadable.line, message: `operations are built at run time (\`${file.operationsUnreadable.text}\`), so they were not checked` });
  const { state, known } = history.stateBefore(file, label);
  const translation = translateOperations(file.operations, { state, stateKnown: known, atomic: file.atomic, functions: file.functions });
  const down: Down = translation.irreversible
    ? { status: "irreversible", loc: translation.irreversible.loc, reason: translation.irreversible.reason }
    : { status: "present", ops: translation.down as never, derived: true };
  return {
    path: input.file.path,
    framework: "django",
    layout: "django",
    version: input.file.version,
    name: input.file.name,
    transactional: file.atomic,
    up: translation.up as never,
    down,
    waivers: translation.ignored
      ? [...file.waivers, { line: translation.ignored.line, rules: [], reason: "IgnoreMigration() (django-migration-linter)", wholeFile: true }]
      : file.waivers,
    syntaxErrors: [...file.syntaxErrors, ...translation.errors],
    notes: [...notes, ...translation.notes],
  };
}
