/**
 * A merged migration deleted on purpose: the change also adds a migration that drops, `if_exists`, the tables the
 * deleted one made (dawarich 653a4bb843 removes the rails_pulse gem: its install migration goes, with the schema
 * file it loaded, and a new migration drops the gem's tables). Databases that ran the deleted migration get the
 * cleanup; fresh ones never had the tables and skip the guarded drops: every database ends up without them, and
 * restoring the file would only fail where what it loads is gone.
 * It is for a deleted migration that loads its tables from elsewhere (another file, a gem's code; one migguard reads
 * whole is reverted.ts's): they cannot be read, so the tables are the ones the added migrations drop (every table it
 * does create among them), and they count only when the deleted file names their family (the tables' shared name, rails_pulse for rails_pulse_requests
 * and rails_pulse_operations) in its file name or a string literal ('db/rails_pulse_schema.rb').
 */
import type { Migration } from "../../model.js";
import { nameKey } from "../../rules/support/facts.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { baseOf } from "../../paths.js";

export interface RemovedOnPurpose {
  /** the tables the added migrations drop if they exist */
  tables: string[];
  /** the added migrations that drop them */
  by: string[];
  /** how the tables were tied to the deleted migration */
  how: string;
}

const words = (name: string) => nameKey(name).split(".").pop()!.split("_").filter(Boolean);

/** The words every table's name starts with (all but the last word of a single table's name). */
function family(tables: readonly string[]): string[] {
  const all = tables.map(words);
  if (all.length === 1) return all[0].length > 1 ? all[0].slice(0, -1) : all[0];
  const shared: string[] = [];
  for (let i = 0; all.every((w) => i < w.length - 1 && w[i] === all[0][i]); i++) shared.push(all[0][i]);
  return shared;
}

/** Whether `text` (a file name, a string literal) has `run` as consecutive words of one of its names. */
function namesRun(text: string, run: readonly string[]): boolean {
  return text
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .some((name) => {
      const w = name.split("_");
      return w.some((_, i) => run.every((r, j) => w[i + j] === r));
    });
}

/** Tables whose drop, guarded by if_exists, an added migration makes, with the migration. */
function guardedDrops(added: readonly Migration[]): Map<string, { table: string; by: string }> {
  const out = new Map<string, { table: string; by: string }>();
  for (const m of added)
    for (const op of m.up) if (op.kind === "drop_table" && op.ifExists) for (const table of op.tables) out.set(nameKey(table), { table, by: m.path });
  return out;
}

export function removedOnPurpose(deleted: Migration, content: string | undefined, added: readonly Migration[]): RemovedOnPurpose | undefined {
  const drops = guardedDrops(added);
  if (drops.size === 0) return undefined;
  const created = deleted.up.flatMap((op) => (op.kind === "create_table" && !op.temporary ? [op.table] : []));
  // what the deleted migration runs that migguard cannot read: the tables it makes may be elsewhere
  const unread = deleted.notes.length > 0 || deleted.hidden.length > 0 || deleted.up.some((op) => op.kind === "raw" || op.kind === "data_migration");
  if (created.some((t) => !drops.has(nameKey(t)))) return undefined;
  // a migration migguard reads whole is reverted-or-not by reverted.ts, which follows every effect, not only tables
  if (!unread) return undefined;
  const tables = [...drops.values()];
  const run = family(tables.map((d) => d.table));
  if (run.length === 0) return undefined;
  const literals = deleted.framework === "rails" && content !== undefined && rubyReadersLoaded() ? (rubyReaders().rubyStringLiterals(content) ?? []) : [];
  const mention = [...literals, baseOf(deleted.path)].find((text) => namesRun(text, run));
  if (!mention) return undefined;
  return {
    tables: tables.map((d) => d.table),
    by: [...new Set(tables.map((d) => d.by))].sort(),
    how: `its own tables cannot be read, it runs code migguard does not follow; the dropped tables share the name ${run.join("_")}, which the deleted file names (${JSON.stringify(mention)})`,
  };
}
