/**
 * The Rails adapter: a `db/migrate/*.rb` file -> the shared model, read with Ruby's own parser (Prism),
 * never run. Reversibility follows Rails itself: `change` is reversible exactly when ActiveRecord's
 * CommandRecorder can invert every command (its inverse becomes the derived down); `up` + `down` use the
 * written down; `up` alone, or a down that raises, cannot be rolled back.
 */
import { upEnqueuesOnly } from "./enqueues-only.js";
import { CallNode, type Location, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import type { DetectedFile } from "../../detect.js";
import type { Down, MigrationInput, OperationInput, ParseProblem, Waiver } from "../../model.js";
import { mayHaveWaivers, parseWaiver } from "../../waivers/waivers.js";
import { rubocopWaivers } from "../../waivers/rubocop-waivers.js";
import { authorsWords, deliberateReason, oneWayMark, type DownComment } from "../deliberate-down.js";
import { maySaySize, sizeNotes } from "../size-notes.js";
import { oneSyntaxError } from "../one-syntax-error.js";
import { isIrreversible, type Irreversible } from "./commands/context.js";
import { modelTables } from "./data-calls.js";
import { literalNames } from "./literal-names.js";
import { matchesNoRowAfter, notNullAfter } from "./null-filter.js";
import { goneInUp, namesGone, rollbackDrops, writesOnlyDropped } from "./rollback-drops.js";
import { Interpreter, opsOf } from "./interpreter.js";
import { meaningful, unconditionalRaise } from "./method-body.js";
import { runsNothingHere } from "./runs-nothing-here.js";
import { findMigrationClass, type MigrationClass } from "./migration-class.js";
import { disablesDdlTransaction, isFrameworkMigration, type RubyFile } from "./project-base-class.js";
import { projectRootOf } from "../../repository/fact-paths.js";
import type { ProjectFileReader } from "../python/project-modules.js";
import { tableNamingIn } from "./table-naming.js";
import { parseRuby, type RubyParseResult } from "./prism.js";
import { nameByDefaultColumn, nameRemovedForeignKeys } from "./removed-foreign-keys.js";
import { RubySource } from "./ruby-source.js";
import { EMPTY_ENV, evaluate } from "./values.js";

export { loadRubyParser } from "./prism.js";

export interface RailsUnit {
  file: DetectedFile;
  content: string;
  /** the project's config/application.rb and initializers: how Active Record names the tables of the models the migration uses */
  railsSettings?: ReadonlyArray<{ path: string; content: string }>;
  /** a repository file's text by path: where the project's own migration base class is read (project-base-class.ts) */
  projectFile?: ProjectFileReader;
  /** the project's Ruby files at hand, searched for a base class not at its constant's path */
  rubyFiles?: () => readonly RubyFile[];
}

/**
 * Whether Rails runs the migration outside a transaction: its own `disable_ddl_transaction!`, or what its project
 * base class answers (Rails asks the migration, so a base's `def disable_ddl_transaction; true; end` counts); a base
 * not found leaves the migration's own word.
 */
function outsideTransaction(cls: MigrationClass, unit: RailsUnit): boolean {
  const superclass = cls.superclassName ?? "ActiveRecord::Migration";
  const read = disablesDdlTransaction(cls.body, superclass, projectRootOf(unit.file.path) ?? "", { read: unit.projectFile, files: unit.rubyFiles });
  return read ?? cls.disableDdlTransaction;
}

/** Prism's error for a string, heredoc, regexp or list it reached the end of the file without closing */
const isLeftOpen = (problem: ParseProblem): boolean => problem.message.startsWith("unterminated");

/**
 * Where the string, regexp or list an `unterminated` error is about was opened: Prism places that error at the end
 * of the file, and keeps the node with a closing of length 0 there. The innermost such node holding `offset`.
 */
function openedAt(root: Node, offset: number): number | undefined {
  let found: number | undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const { startOffset, length } = node.location;
    if (offset < startOffset || offset > startOffset + length) continue;
    const { openingLoc, closingLoc } = node as Partial<Record<"openingLoc" | "closingLoc", Location | null>>;
    if (openingLoc && closingLoc && closingLoc.length === 0 && (found === undefined || openingLoc.startOffset > found)) found = openingLoc.startOffset;
    for (const child of rubyChildren(node)) stack.push(child);
  }
  return found;
}

function syntaxErrors(result: RubyParseResult, src: RubySource): ParseProblem[] {
  const seen = new Set<number>();
  const out: ParseProblem[] = [];
  for (const error of result.errors) {
    const opened = error.message.startsWith("unterminated") ? openedAt(result.value, error.location.startOffset) : undefined;
    const loc = opened === undefined ? src.range(error.location) : { line: src.lineOf(opened), endLine: src.lineOf(opened) };
    if (seen.has(loc.line)) continue;
    seen.add(loc.line);
    out.push({ line: loc.line, endLine: loc.endLine, message: error.message });
  }
  return oneSyntaxError(out, isLeftOpen);
}

function waivers(result: RubyParseResult, src: RubySource): Waiver[] {
  const ours = mayHaveWaivers(src.text);
  const rubocop = src.text.includes("rubocop:");
  if (!ours && !rubocop) return [];
  const comments = result.comments.map((c) => ({ text: src.slice(c.location), line: src.lineOf(c.location.startOffset), at: c.location.startOffset }));
  const own = ours ? comments.map((c) => parseWaiver(c.text, c.line)).filter((w): w is Waiver => w !== undefined) : [];
  if (!rubocop) return own;
  return [...own, ...rubocopWaivers(comments.map(({ text, line, at }) => ({ text, line, trailing: afterCode(src, at) })), src.lines.lineCount)];
}

/** Is there code before this offset on its line (a trailing comment, which RuboCop applies to that line only)? */
function afterCode(src: RubySource, offset: number): boolean {
  for (let at = offset - 1; at >= 0; at--) {
    const byte = src.lines.byteAt(at);
    if (byte === 0x0a) return false;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return true;
  }
  return false;
}

/** The comments inside a method (`def down ... end`), where its author may say why it is empty. */
function commentsWithin(result: RubyParseResult, src: RubySource, def: { location: { startOffset: number; length: number } }): DownComment[] {
  const start = def.location.startOffset;
  const end = start + def.location.length;
  return result.comments
    .filter((c) => c.location.startOffset > start && c.location.startOffset < end)
    .map((c) => ({ line: src.lineOf(c.location.startOffset), text: src.slice(c.location) }));
}

/**
 * The symbols and strings of each step migguard could not read (`change_table Spree.user_class.table_name do ...`),
 * read here where Ruby's parser is loaded, so review can tell what such a step may touch without loading it again.
 */
function withRubyLiterals(ops: OperationInput[]): void {
  for (const op of ops) {
    if (op.kind !== "raw" || op.embeddedSql || !op.text) continue;
    try {
      const parsed = parseRuby(op.text);
      if (parsed.errors.length === 0) op.rubyLiterals = [...literalNames(parsed.value)];
    } catch {
      // a step too complex to parse again names nothing migguard can rely on
    }
  }
}

export function railsMigration(unit: RailsUnit): MigrationInput {
  const src = new RubySource(unit.content);
  const result = parseRuby(unit.content);
  const base = {
    path: unit.file.path,
    framework: "rails" as const,
    layout: unit.file.layout,
    version: unit.file.version,
    name: unit.file.name,
    waivers: waivers(result, src),
    sizeNotes: maySaySize(src.text) ? sizeNotes(result.comments.map((c) => ({ line: src.lineOf(c.location.startOffset), endLine: src.lineOf(c.location.startOffset + Math.max(0, c.location.length - 1)), text: src.slice(c.location) }))) : [],
    syntaxErrors: syntaxErrors(result, src),
  };
  const naming = unit.railsSettings?.length ? tableNamingIn(unit.railsSettings) : undefined;
  const cls = findMigrationClass(result.value, src, naming);
  if (!cls) {
    return {
      ...base,
      transactional: true,
      up: [],
      down: { status: "unsupported", reason: "no ActiveRecord::Migration class in this file" },
      notes: [{ line: 1, message: "no ActiveRecord::Migration subclass found: nothing was checked" }],
    };
  }
  const outside = outsideTransaction(cls, unit);
  const interpreter = new Interpreter({
    src,
    railsVersion: cls.frameworkVersion ? Number(cls.frameworkVersion) : 4.2,
    transactional: !outside,
    helpers: cls.helpers,
    constants: new Map([...cls.constants].map(([name, node]) => [name, evaluate(node, EMPTY_ENV, src)])),
    models: modelTables(cls.models, literalNames(result.value), naming, cls.associations),
  });
  const { change, up: upDef, down: downDef } = cls.methods;
  // what the class body runs as Rails loads the file comes first, and no rollback undoes it
  const atLoad = opsOf(interpreter.runAtLoad(cls.loadTime));
  let up: OperationInput[] = [];
  let down: Down;
  if (change) {
    // Rails runs `change` and ignores up/down when it is defined
    const steps = interpreter.run(change.body, "change");
    const changed = opsOf(steps);
    up = [...atLoad, ...changed];
    // data code re-run on rollback runs while the schema is still the up's: when it writes only rows with a NULL in a
    // column the change made NOT NULL (where(column: nil)), it matches no row and changes nothing; when it writes
    // only columns or tables the change adds, the rollback drops them right after; when it changes nothing the first
    // run had not (harmless-rerun), nothing happens
    const notNull = notNullAfter(changed);
    // (the schema is the up's then: code naming a table or column the change removed or renamed fails instead)
    const drops = rollbackDrops(changed);
    const gone = goneInUp(changed);
    const present = (r: Irreversible) => ![...(r.harmless ? [r.harmless] : []), ...(r.writes ?? [])].some((named) => namesGone(named, gone));
    const harmless = (r: Irreversible) => (r.harmless !== undefined || matchesNoRowAfter(r.nullRows, notNull) || writesOnlyDropped(r.writes, drops)) && present(r);
    const revertOf = (s: (typeof steps)[number]) => (isIrreversible(s.revert) && s.revert.rerun && harmless(s.revert) ? [] : s.revert);
    // a command Rails cannot invert makes it raise on rollback (after re-running any data code): that comes first
    const reverts = steps.map(revertOf).filter(isIrreversible);
    // the call reported is one the team has not acknowledged with RuboCop's Rails/ReversibleMigration, when there is one
    const acknowledged = (r: Irreversible) => base.waivers.some((w) => w.peer && w.endLine !== undefined && w.rules.includes("irreversible-migration") && r.loc.line >= w.line && r.loc.line <= w.endLine);
    const blocked = reverts.find((r) => !r.rerun && !acknowledged(r)) ?? reverts.find((r) => !r.rerun) ?? reverts[0];
    // the other calls that raise on rollback too: a fix of the first alone leaves the rollback raising at the next
    const others = reverts.filter((r) => r !== blocked && !r.rerun).map((r) => r.loc);
    // every data step Rails runs again (harmless ones too): a fix that runs data code on the way up only wraps them all
    const rerunAt = steps.flatMap((s) => (isIrreversible(s.revert) && s.revert.rerun ? [s.revert.loc] : []));
    down = blocked
      ? { status: "irreversible", loc: blocked.loc, reason: blocked.irreversible, ...(blocked.rerun ? { rerun: true, ...(rerunAt.length > 1 ? { rerunAt } : {}) } : {}), ...(blocked.undo ? { undo: blocked.undo } : {}), ...(others.length ? { alsoAt: others } : {}) }
      : { status: "present", ops: [...steps].reverse().flatMap((s) => revertOf(s) as OperationInput[]) as never, derived: true };
  } else {
    up = [...atLoad, ...(upDef ? opsOf(interpreter.run(upDef.body, "up")) : [])];
    // Rails' Migration#down is `return unless self.class.respond_to?(:down)` and exec_migration calls it
    // (`public_send(direction)`), then the Migrator deletes the version (record_version_state_after_migrating):
    // rails/rails 2a2db1e8, activerecord/lib/active_record/migration.rb, `def down` and `def exec_migration`
    if (!downDef)
      down = upDef && !runsNothingHere(upDef, up, interpreter, src)
        ? {
            status: "irreversible",
            reason: "it defines `up` without `down`: a rollback runs nothing (Rails' Migration#down returns when the class defines no down) yet deletes the version from schema_migrations, so the up's changes stay while Rails reports the migration reverted, and the next migrate runs the up again over them",
            silent: true,
            ...(!meaningful(up) && upEnqueuesOnly(upDef) ? { enqueuesOnly: true } : {}),
          }
        : { status: "present", ops: [], derived: true };
    else {
      const raised = unconditionalRaise(downDef, src);
      const downOps = opsOf(interpreter.run(downDef.body, "down"));
      const said = raised && authorsWords(commentsWithin(result, src, downDef).filter((c) => c.line < raised.loc.line));
      if (raised && !meaningful(downOps)) down = { status: "irreversible", loc: raised.loc, reason: `its down raises (${raised.message})`, declared: true, ...(said ? { said } : {}) };
      else if (raised) down = { status: "irreversible", loc: raised.loc, reason: `its down raises (${raised.message}) after undoing part of the up` };
      else if (!meaningful(downOps)) {
        const comments = commentsWithin(result, src, downDef);
        const oneWay = oneWayMark(comments);
        down = { status: "empty", loc: src.loc(downDef), why: deliberateReason(comments), ...(oneWay ? { oneWay } : {}) };
      }
      else down = { status: "present", ops: downOps as never, derived: false };
    }
    // a data migration in `up` has a way back exactly when the down does something
    for (const op of up) if (op.kind === "data_migration") op.reversible = down.status === "present";
  }
  // remove_foreign_key by its target: the key the migration itself shows (analyze.ts asks the history again); the
  // bare ActiveRecord::Migration is Rails 4's, whose remove_foreign_key looks on the default column instead
  const writtenDown = down.status === "present" && !down.derived ? (down.ops as OperationInput[]) : undefined;
  if (!(cls.node.superclass instanceof CallNode) && cls.superclassName === "ActiveRecord::Migration") nameByDefaultColumn([...up, ...(down.status === "present" ? (down.ops as OperationInput[]) : [])]);
  else nameRemovedForeignKeys(up, writtenDown);
  const leftOpen = base.syntaxErrors.filter(isLeftOpen);
  withRubyLiterals(up);
  return {
    ...base,
    frameworkVersion: cls.frameworkVersion,
    ...(cls.superclassName && !isFrameworkMigration(cls.superclassName) ? { railsBase: cls.superclassName } : {}),
    railsForm: change ? "change" : "up_down",
    transactional: !outside,
    up: up as never,
    down,
    // SQL in a heredoc left open runs to the end of the file: its errors are that heredoc's, already reported
    syntaxErrors: [...base.syntaxErrors, ...interpreter.errors.filter((e) => !leftOpen.some((open) => e.line >= open.line))],
    hidden: interpreter.hidden,
    notes: interpreter.notes,
  };
}
