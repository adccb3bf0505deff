/**
 * An edited migration's source cut into the pieces an edit can touch (imports, settings such as `atomic` or
 * `disable_ddl_transaction!`, each operation of Django's `operations` list, each statement of a function or
 * method), each in a canonical form that leaves comments, docstrings and formatting out. Comparing the base
 * and head pieces says what the edit changed; `edit-judgement.ts` says what that means for the database.
 */
import type { SourceRange } from "../../model.js";
import { commonSubsequence } from "./common-subsequence.js";

export type UnitKind = "import" | "setting" | "operation" | "statement" | "code";

/** Which way the code runs: the up (forwards), the down (rollback), or unknown (a helper nothing names). */
export type Side = "up" | "down" | "unknown";

export interface SourceUnit {
  kind: UnitKind;
  /** identity across base and head: the setting's name, the function a statement belongs to, "operations" */
  key: string;
  /** comments, docstrings and formatting left out; for operations, Python-only options too */
  canonical: string;
  /** operations: the canonical form with every option kept */
  full?: string;
  /** operations: the Python-only options it sets (`help_text=...`), to name those an edit changed */
  pythonOptions?: string[];
  /** Python: the type annotations it carries, left out of `canonical` (nothing that runs reads them) */
  annotations?: string;
  /** Ruby: options Rails ignores (a `foreign_key:` hash's unknown keys), left out of `canonical` */
  ignoredOptions?: string[];
  loc: SourceRange;
  /** for messages: "import saleor.core.editorjs", "def forwards", "AddField" */
  label: string;
  side: Side;
  /**
   * Django operations reached only through a SeparateDatabaseAndState's `state_operations` (a list the class or
   * module binds to a name): Django applies them to its state, no statement reaches the database
   */
  stateOnly?: true;
  /**
   * Django operations holding a SeparateDatabaseAndState: the canonical form without its `state_operations`
   * (Python-only options left out too). Two versions alike in it differ only in what Django's state gets.
   */
  stateless?: string;
  /** operations: the operation's name (AddField, RunPython, AlterModelOptions) */
  call?: string;
  /**
   * statements and code: the canonical form with the library functions it calls left out, and those functions
   * in order (`Oj.dump`, `clean_editor_js`): two versions with the same shape call other functions with the
   * same arguments (a library or API swap)
   */
  calls?: { shape: string; callees: Callee[] };
  /** control flow the adapter follows into the operations (a Rails helper's `yield`): its effect shows there */
  flow?: true;
  /** Ruby: a `safety_assured` block around statements, which are units of their own: it runs them as written */
  wrapper?: true;
  /**
   * RunPython and RunSQL: what runs, whatever the text says. Each side lists what it may run: the body of the
   * function named (not its name; an empty one is `noop`), the SQL with whitespace runs as one space (several
   * when a helper returns one of several strings); undefined when migguard cannot read it.
   */
  runs?: { forward?: string[]; reverse?: string[]; helpers?: string[] };
  /**
   * Python statements: the canonical form without the calls that name nothing reaching the database (`f.close()`
   * on a file it opened), empty when the statement is one: two versions with the same substance write the same
   */
  substance?: string;
  /**
   * Statements: the canonical form with how the code walks the rows left out (`.each` / `.find_each` /
   * `.in_batches.each_record`, `update_all` / `in_batches.update_all`; Django's `.all()` / `.iterator()`) and the
   * result types it declares to the ORM where they never reach the SQL (`output_field=` of a Func), and what was
   * left out, for the message (`find_each`, `output_field=`): two versions with the same form touch the same rows.
   */
  rows?: { canonical: string; how: string[] };
  /**
   * Python statements of a data function: the canonical form with `.using(alias)` left out where the alias is the
   * connection the migration runs on (`schema_editor.connection.alias`, or a local bound to it), and the calls left
   * out, for the message. Where the project has one database, a manager with or without it writes to that database.
   */
  connection?: { canonical: string; using: string[] };
  /**
   * Statements: the canonical form with the text of the exception messages it raises left out (Ruby's `raise` /
   * `fail`, `raise X, "..."`, `X.new("...")`; Python's `raise X("...")`), their interpolated code kept. Two versions
   * of the same form differ only in what a person reads when the migration stops there: nothing reaches a table.
   */
  message?: string;
  /**
   * Ruby statements: the canonical form with the rescue chains that end the run all the same left out (each clause
   * ends with `raise`, none leaves another way: ruby-failure-path.ts). Two versions of the same form differ only in
   * what they do on the way to a failure that stops the migration unrecorded either way.
   */
  failure?: string;
  /**
   * Ruby statements: the canonical form with what runs nothing left out (ruby-discarded.ts): expressions whose value
   * nobody uses (`credit_amount` alone on a line), empty `else` branches, `when` branches left empty that no value
   * reaches another way; "" when the statement is such an expression. Two versions of the same form run the same code.
   */
  discarded?: string;
  /** Ruby statements: a rescue in it may let the run go on after a failure (ruby-failure-path.ts `mayRecover`) */
  recovers?: true;
  /** Ruby: the constants the unit reads, to tell whether a constant the edit defines was read before (under another meaning) */
  constantReads?: string[];
  /** Ruby class-body constants whose value is written out whole (ruby-literal-value.ts): the constant's name */
  literalConstant?: string;
  /**
   * Ruby classes: a model class the migration defines for itself that only pins the table its code uses (ruby-units.ts
   * `modelStub`), as the message names it: adding one changes no table and no row.
   */
  stub?: string;
  /**
   * Python statements: an `if` whose own block always ends in `raise`: its condition and its elif/else, canonical.
   * A database that recorded the migration never took that block: the run would have stopped there.
   */
  raisingBranch?: { condition: string; alternatives: string };
  /** Python statements: an `if`, its condition and its elif/else, canonical (to pair with a `raisingBranch`) */
  branch?: { condition: string; alternatives: string };
  /**
   * Python imports, at module level or a function's own: what each name it binds resolves to
   * (`from m import f as g`: `g=m.f`; `import a.b`: `a=import a.b`). The same bindings, made in the function or
   * at module level, give the function the same names: moving the import is no change of what it runs.
   */
  binds?: string[];
}

/**
 * A function named through a library: a constant receiver in Ruby (`Oj.dump`: owner `Oj`), a name the module
 * imports in Python (`json.dumps`: owner `json`; `clean_editor_js`: owner and name alike). Models, records and
 * local objects are never callees: calling another method of them is what the data code does.
 */
export interface Callee {
  text: string;
  owner: string;
  name: string;
}

export interface UnitChange {
  kind: UnitKind;
  /** the unit at head (absent for a removal) */
  head?: SourceUnit;
  /** the unit on the base branch (absent for an addition) */
  base?: SourceUnit;
  /** operations equal once Python-only options are left out: the options that differ */
  optionsOnly?: string[];
  /** Ruby: the pair differs only in options Rails ignores (those named) */
  ignoredOnly?: string[];
  /** Python: the pair differs only in type annotations */
  annotationsOnly?: true;
}

const groupBy = (units: readonly SourceUnit[]) => {
  const out = new Map<string, SourceUnit[]>();
  for (const u of units) {
    const id = `${u.kind}\u0000${u.key}`;
    out.set(id, [...(out.get(id) ?? []), u]);
  }
  return out;
};

/**
 * What differs between the base and head pieces. Pieces are matched within their kind and key, in order;
 * an unmatched head piece and an unmatched base piece at the same place are one change, not two.
 */
export function diffUnits(base: readonly SourceUnit[], head: readonly SourceUnit[]): UnitChange[] {
  const changes: UnitChange[] = [];
  const baseGroups = groupBy(base);
  const headGroups = groupBy(head);
  for (const id of new Set([...baseGroups.keys(), ...headGroups.keys()])) {
    const a = baseGroups.get(id) ?? [];
    const b = headGroups.get(id) ?? [];
    const pairs = commonSubsequence(a, b, (x, y) => x.canonical === y.canonical);
    for (const [i, j] of pairs) {
      const optionsOnly = a[i].full !== b[j].full ? changedOptions(a[i], b[j]) : undefined;
      if (optionsOnly) changes.push({ kind: b[j].kind, base: a[i], head: b[j], optionsOnly });
      else if ((a[i].ignoredOptions ?? []).join() !== (b[j].ignoredOptions ?? []).join())
        changes.push({ kind: b[j].kind, base: a[i], head: b[j], ignoredOnly: [...new Set([...(a[i].ignoredOptions ?? []), ...(b[j].ignoredOptions ?? [])])].sort() });
      else if ((a[i].annotations ?? "") !== (b[j].annotations ?? "")) changes.push({ kind: b[j].kind, base: a[i], head: b[j], annotationsOnly: true });
    }
    // between matched pairs, leftovers on both sides pair up as edits; the rest are additions or removals
    const boundaries: Array<[number, number]> = [...pairs, [a.length, b.length]];
    let ai = 0;
    let bj = 0;
    for (const [i, j] of boundaries) {
      const removed = a.slice(ai, i);
      const added = b.slice(bj, j);
      for (let k = 0; k < Math.max(removed.length, added.length); k++)
        changes.push({ kind: (added[k] ?? removed[k]).kind, base: removed[k], head: added[k] });
      ai = i + 1;
      bj = j + 1;
    }
  }
  return changes;
}

/**
 * The functions an edit swapped when a statement changed only in which library functions it calls, with the
 * same arguments and the same code around them (`Oj.dump(x)` -> `JSON.generate(x)`); undefined otherwise.
 * Each swap must change both the library and the function: the same library's other function
 * (`Oj.dump` -> `Oj.load`) is other work, and so is one function name kept on another owner.
 */
export function swappedCallees(change: UnitChange): string[] | undefined {
  const before = change.base?.calls;
  const after = change.head?.calls;
  if (!before || !after || before.shape !== after.shape || before.callees.length !== after.callees.length) return undefined;
  const swaps = new Set<string>();
  for (const [i, old] of before.callees.entries()) {
    const now = after.callees[i];
    if (old.text === now.text) continue;
    if (old.owner === now.owner || old.name === now.name) return undefined;
    swaps.add(`${old.text} -> ${now.text}`);
  }
  return swaps.size ? [...swaps] : undefined;
}

/** The Python-only options whose values differ between two versions of one operation. */
function changedOptions(a: SourceUnit, b: SourceUnit): string[] {
  const before = new Set(a.pythonOptions ?? []);
  const after = new Set(b.pythonOptions ?? []);
  const differing = [...[...before].filter((o) => !after.has(o)), ...[...after].filter((o) => !before.has(o))];
  const names = differing.map((o) => o.slice(0, o.indexOf("=")));
  return [...new Set(names)].sort();
}
