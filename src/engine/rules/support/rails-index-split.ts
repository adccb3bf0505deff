/**
 * A Rails migration whose up does more than build indexes, split so CONCURRENTLY can build them: the migration as
 * it becomes without the builds (every other statement of its up, and its down, as written, but for the down's
 * drops of those indexes), and a new migration, under a class name and version of its own, that builds them
 * CONCURRENTLY outside the DDL transaction and drops them on the way down. Reprinting the class with the builds
 * alone would lose the rest of its work, and a second class of the same name is DuplicateMigrationNameError.
 *
 * A build is cut out by its lines: a whole statement (`add_index ...`, an `execute` of that statement alone), or a
 * statement's lines inside a heredoc that holds others, which leaves that SQL string the rest of its statements.
 * Undefined when a build cannot be cut out so (it shares its lines, or reads what cannot move with it).
 */
import type { Migration, Operation, SourceRange } from "../../model.js";
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { nameKey } from "./facts.js";
import { movedCode, overlaps } from "./moved-code.js";
import { migrationWithout, newMigrations, type MigrationPlace } from "./next-migration.js";
import { columnsAtHead, renamedAtHead } from "./column-at-head.js";
import { sym } from "./fix.js";

type AddIndex = Extract<Operation, { kind: "add_index" }>;

/** One index built concurrently in the new migration: its statements up, and what drops it down. */
export interface IndexBuild {
  op: AddIndex;
  up: string[];
  down: string[];
}

/** Whether `range` of the source can go alone: a whole statement, or lines of a string literal's text. */
const cuttable = (source: string, range: SourceRange) => rubyReaders().rubyStringInterior(source, range) || rubyReaders().rubyWholeStatement(source, range);

/** The down's drops of the moved indexes, by name, that can be cut out (the new migration's down drops them). */
function downDrops(migration: Migration, names: ReadonlySet<string>): Operation[] {
  if (migration.down.status !== "present" || migration.down.derived) return [];
  const ops = migration.down.ops;
  return ops.filter(
    (o) =>
      o.kind === "drop_index" &&
      o.names.length > 0 &&
      o.names.every((n) => names.has(nameKey(n))) &&
      !ops.some((other) => other !== o && overlaps(other.loc, o.loc)) &&
      cuttable(migration.source!, o.loc),
  );
}

/**
 * The builds as the new migration, after the newest of the folder, writes them: an add_index call names the table and
 * columns as the later migrations leave them; undefined when a renamed one cannot be rewritten (SQL, another call).
 */
function buildsAtHead(migration: Migration, builds: readonly IndexBuild[], place: MigrationPlace): IndexBuild[] | undefined {
  const history = { migration, repository: { get laterInFolder() { return place.laterInFolder ?? []; } } };
  const moved: IndexBuild[] = [];
  for (const b of builds) {
    const head = columnsAtHead(history, b.op.table, b.op.columns, migration.up.indexOf(b.op));
    if (!renamedAtHead(head, b.op.table, b.op.columns)) {
      moved.push(b);
      continue;
    }
    if (b.op.embeddedSql || b.up.length !== 1 || b.op.frameworkCall !== "add_index") return undefined;
    const columns = head.columns.length === 1 ? sym(head.columns[0]!) : `[${head.columns.map(sym).join(", ")}]`;
    const withTable = nameKey(head.table) === nameKey(b.op.table) ? b.up[0] : rubyReaders().withArgument(b.up[0]!, 0, sym(head.table));
    const sameColumns = head.columns.every((c, i) => nameKey(c) === nameKey(b.op.columns[i]!));
    const up = withTable && (sameColumns ? withTable : rubyReaders().withArgument(withTable, 1, columns));
    if (!up) return undefined;
    moved.push({ ...b, up: [up] });
  }
  return moved;
}

export function railsIndexSplit(migration: Migration, givenBuilds: readonly IndexBuild[], place: MigrationPlace): string | undefined {
  const source = migration.source;
  // a later migration drops the table or a column of every index built: at the head of the history the builds would
  // fail, so migration 2 goes right after this one (before that drop), as written, and still builds them: the
  // split keeps the migration's work (the index existed until the drop), it never leaves the index out
  const history = { migration, repository: { get laterInFolder() { return place.laterInFolder ?? []; } } };
  const heads = givenBuilds.map((b) => columnsAtHead(history, b.op.table, b.op.columns, migration.up.indexOf(b.op)));
  const gone = heads.length > 0 && heads.every((h) => "gone" in h) ? (heads[0] as { gone: string }) : undefined;
  const builds = !givenBuilds.length ? undefined : gone ? [...givenBuilds] : buildsAtHead(migration, givenBuilds, place);
  if (source === undefined || !builds) return undefined;
  const moving = new Set<Operation>(builds.map((b) => b.op));
  const others = [...migration.up, ...(migration.down.status === "present" && !migration.down.derived ? migration.down.ops : [])].filter((o) => !moving.has(o));
  const cuts: SourceRange[] = [];
  const locals: string[] = [];
  const definitions: string[] = [];
  // add_index calls: whole statements of the method, with the locals they read (`fields = %i[...]` before them)
  const calls = builds.filter((b) => !b.op.embeddedSql).map((b) => b.op);
  if (calls.length) {
    const found = movedCode(migration, calls);
    if (!found || "unbound" in found) return undefined;
    const own = found.lines.length === calls.length && calls.every((op, i) => found.lines[i].line === op.loc.line && found.lines[i].endLine === op.loc.endLine);
    if (!own || found.ops.some((o) => !moving.has(o))) return undefined;
    cuts.push(...found.lines);
    locals.push(...found.locals);
    definitions.push(...found.definitions);
  }
  // SQL statements: lines no other operation shares, cut from their string or as the whole execute
  for (const { op } of builds.filter((b) => b.op.embeddedSql)) {
    if (others.some((o) => overlaps(o.loc, op.loc)) || !cuttable(source, op.loc)) return undefined;
    cuts.push(op.loc);
  }
  const names = new Set(builds.flatMap((b) => (b.op.name ? [nameKey(b.op.name)] : [])));
  const drops = downDrops(migration, names);
  const first = migrationWithout(migration, [...cuts, ...drops.map((d) => d.loc)]);
  if (first === undefined) return undefined;
  const many = builds.length > 1;
  const named = builds[0].op.name ?? `${builds[0].op.table.split(".").pop()} ${builds[0].op.columns.join(" ")}`;
  const allCalls = builds.every((b) => !b.op.embeddedSql);
  const [next] = newMigrations(
    migration,
    [
      {
        name: `build ${named}${many ? " and others" : ""} concurrently`,
        statements: builds.flatMap((b) => b.up),
        locals,
        definitions,
        noTransaction: true,
        // add_index ..., algorithm: :concurrently is reversible; SQL is not
        change: allCalls,
        down: allCalls ? undefined : [...builds].reverse().flatMap((b) => b.down),
      },
    ],
    // right after this migration, over the versions the later ones hold; no other fix's file comes before it
    gone ? { ...place, newestInFolder: undefined, newMigrationChain: undefined } : place,
  );
  const lines = builds.map((b) => b.op.loc.line).join(", ");
  const dropped = drops.length ? ` and ${drops.length > 1 ? "their drops" : "its drop"} in its down (the new migration's down drops ${many ? "them" : "it"})` : "";
  const migration1 = [
    `# migration 1, ${migration.path} as it becomes: without the index build${many ? "s" : ""} of line${many ? "s" : ""} ${lines}${dropped}; the rest of its up and its down stay as written, in their transaction`,
    first.trimEnd(),
  ].join("\n");
  const where = gone
    ? `, numbered right after migration 1: later, ${gone.gone}, so at the head of the history, where a new migration would go, the build would fail`
    : "";
  return [
    migration1,
    ``,
    `# migration 2, new file ${next.path}: ${many ? "the indexes" : "the index"} built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run${where}`,
    next.text.trimEnd(),
  ].join("\n");
}
