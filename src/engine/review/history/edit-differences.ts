/**
 * What an edit of a merged migration changes in the schema, one difference at a time, in database terms: databases
 * that ran the base version keep what it built, databases that run the edited one get what it builds. Each
 * difference says whether the two kinds of database can behave differently beyond the values they give an insert
 * that omits a column (`breaking`), and what brings the old databases to the edited version's schema while leaving
 * fresh ones as they are (`converge`), for the edited-migration fix.
 *
 * The operations are paired by what they build (a column of a table, an index by name or columns): a pair whose
 * column definitions differ is one difference per property (type, NOT NULL, default, the rest); an operation left
 * without a pair was added or removed by the edit.
 */
import type { ColumnSpec, DefaultValue, Operation, SourceRange, TypeRef } from "../../model.js";

/** A statement that gives old databases what the edited version builds and leaves fresh ones alone. */
export type Convergence =
  | { kind: "default"; table: string; column: string; from?: DefaultValue; to?: DefaultValue }
  | { kind: "null"; table: string; column: string; notNull: boolean; type?: TypeRef }
  | { kind: "type"; table: string; column: string; from?: TypeRef; to: TypeRef }
  | { kind: "add_column"; table: string; column: ColumnSpec }
  | { kind: "drop_column"; table: string; column: string; type?: TypeRef }
  | { kind: "add_index"; op: Extract<Operation, { kind: "add_index" }> }
  | { kind: "drop_index"; op: Extract<Operation, { kind: "add_index" }> }
  /** nothing migguard can write: `code` is the operation as the edit left it (or as the base wrote it, `removed`) */
  | { kind: "opaque"; code: string; removed: boolean }
  /** the database keeps nothing that differs (an option the model does not hold) */
  | { kind: "none" };

export interface EditDifference {
  /** in database words: "removes the column default `{}` of users.settings" */
  words: string;
  /** more than what an insert that omits a column gets: a column, index, type, NOT NULL, constraint differs */
  breaking: boolean;
  converge: Convergence;
  /** where at head (the operation's line), or on the base branch for a removal */
  loc: SourceRange;
}

type CreateTable = Extract<Operation, { kind: "create_table" }>;
type AddIndex = Extract<Operation, { kind: "add_index" }>;

const sameType = (a: TypeRef | undefined, b: TypeRef | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.name === b.name && a.array === b.array && a.mods.join(",") === b.mods.join(","));
const sameDefault = (a: DefaultValue | undefined, b: DefaultValue | undefined) => (a?.ruby ?? a?.expr) === (b?.ruby ?? b?.expr);

/** A default as the migration wrote it, for the message. */
export const writtenDefault = (value: DefaultValue): string => {
  const text = (value.ruby ?? value.expr).replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** The column properties the edit changed, one difference each. */
function columnDifferences(table: string, base: ColumnSpec, head: ColumnSpec, loc: SourceRange, written: string): EditDifference[] {
  const out: EditDifference[] = [];
  const where = `${table}.${head.name}`;
  if (!sameType(base.type, head.type) && head.type)
    out.push({ words: `changes the type of ${where} from ${base.type?.text ?? "another type"} to ${head.type.text}`, breaking: true, converge: { kind: "type", table, column: head.name, from: base.type, to: head.type }, loc });
  if (base.notNull !== head.notNull)
    out.push({
      words: head.notNull ? `makes ${where} NOT NULL` : `lets ${where} hold NULL (it was NOT NULL)`,
      breaking: true,
      converge: { kind: "null", table, column: head.name, notNull: head.notNull, type: head.type },
      loc,
    });
  if (!sameDefault(base.default, head.default)) {
    const words = !head.default
      ? `removes the column default \`${writtenDefault(base.default!)}\` of ${where}`
      : !base.default
        ? `adds the column default \`${writtenDefault(head.default)}\` to ${where}`
        : `changes the column default of ${where} from \`${writtenDefault(base.default)}\` to \`${writtenDefault(head.default)}\``;
    // on a NOT NULL column an insert that omits it gets the default on one kind of database and fails on the other
    out.push({ words, breaking: base.notNull || head.notNull, converge: { kind: "default", table, column: head.name, from: base.default, to: head.default }, loc });
  }
  const rest = (c: ColumnSpec) => JSON.stringify([c.primaryKey, c.unique, c.references, c.check, c.generated, c.generatedExpr, c.serial, c.frameworkIndex]);
  if (rest(base) !== rest(head)) out.push({ words: `changes the key, reference, check or index of ${where}`, breaking: true, converge: { kind: "opaque", code: written, removed: false }, loc });
  return out;
}

/** What an operation builds, for pairing the base's with the head's. */
function target(op: Operation): string | undefined {
  switch (op.kind) {
    case "add_column":
      return `column ${op.table}.${op.column.name}`;
    case "create_table":
      return `table ${op.table}`;
    case "add_index":
      return `index ${op.table} ${op.name ?? op.columns.join(",")}`;
    default:
      return undefined;
  }
}

function pairDifferences(base: Operation, head: Operation): EditDifference[] | undefined {
  if (base.kind === "add_column" && head.kind === "add_column") return columnDifferences(head.table, base.column, head.column, head.loc, code(head));
  if (base.kind === "create_table" && head.kind === "create_table") return tableDifferences(base, head);
  // an index of the same name built another way (other columns, method, WHERE): one difference, rebuilt by hand
  if (base.kind === "add_index" && head.kind === "add_index")
    return [{ words: `changes how the index ${indexWords(head)} is built`, breaking: true, converge: { kind: "opaque", code: code(head), removed: false }, loc: head.loc }];
  return undefined;
}

/** The columns of a table both versions create: added, removed or changed ones; undefined when more than columns differ. */
function tableDifferences(base: CreateTable, head: CreateTable): EditDifference[] | undefined {
  if (base.columnsUnread || head.columnsUnread || JSON.stringify(base.constraints) !== JSON.stringify(head.constraints)) return undefined;
  const out: EditDifference[] = [];
  const before = new Map(base.columns.map((c) => [c.name, c]));
  for (const column of head.columns) {
    const old = before.get(column.name);
    before.delete(column.name);
    if (old) out.push(...columnDifferences(head.table, old, column, head.loc, code(head)));
    else out.push({ words: `adds the column ${head.table}.${column.name}`, breaking: true, converge: { kind: "add_column", table: head.table, column }, loc: head.loc });
  }
  for (const gone of before.values())
    out.push({ words: `removes the column ${head.table}.${gone.name}`, breaking: true, converge: { kind: "drop_column", table: head.table, column: gone.name, type: gone.type }, loc: head.loc });
  return out;
}

/** An operation without where it is and whether it runs in a transaction: what it builds. */
const built = ({ loc: _loc, text: _text, inTransaction: _tx, ...rest }: Operation) => JSON.stringify(rest);

const code = (op: Operation) => (op.text || op.kind).trim();

function added(op: Operation): EditDifference {
  if (op.kind === "add_column") return { words: `adds the column ${op.table}.${op.column.name}`, breaking: true, converge: { kind: "add_column", table: op.table, column: op.column }, loc: op.loc };
  if (op.kind === "add_index") return { words: `adds the index ${indexWords(op)}`, breaking: true, converge: { kind: "add_index", op }, loc: op.loc };
  return { words: `adds \`${short(code(op))}\``, breaking: true, converge: { kind: "opaque", code: code(op), removed: false }, loc: op.loc };
}

function removed(op: Operation): EditDifference {
  const loc = { line: 1, endLine: 1 };
  if (op.kind === "add_column") return { words: `removes the column ${op.table}.${op.column.name}`, breaking: true, converge: { kind: "drop_column", table: op.table, column: op.column.name, type: op.column.type }, loc };
  if (op.kind === "add_index") return { words: `removes the index ${indexWords(op)}`, breaking: true, converge: { kind: "drop_index", op }, loc };
  return { words: `removes \`${short(code(op))}\``, breaking: true, converge: { kind: "opaque", code: code(op), removed: true }, loc };
}

const indexWords = (op: AddIndex) => `${op.name ? `${op.name} ` : ""}on ${op.table} (${op.columns.join(", ")})`;
const short = (text: string) => {
  const line = text.replace(/\s+/g, " ");
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
};

/** The end of the words of a call rewritten where the model does not look: the column is what it was. */
export const LEFT_AS_IT_WAS = " in a way that leaves its column as it was";

/**
 * The differences between the schema operations the base version runs and the ones the edited version runs, given
 * only the operations each has that the other lacks (edit-judgement.ts: schemaRemoved, schemaAdded).
 */
export function editDifferences(removedOps: readonly Operation[], addedOps: readonly Operation[]): EditDifference[] {
  const out: EditDifference[] = [];
  const left = [...removedOps];
  for (const op of addedOps) {
    const key = target(op);
    const at = key === undefined ? -1 : left.findIndex((b) => b.kind === op.kind && target(b) === key);
    const paired = at === -1 ? undefined : pairDifferences(left[at], op);
    if (paired !== undefined) {
      const same = built(left[at]) === built(op);
      left.splice(at, 1);
      // the same statement, run in or out of a transaction: nothing the databases keep differs
      if (same) continue;
      // the same object built by an operation that differs only where the model does not look (a comment, an option)
      out.push(...(paired.length ? paired : [{ words: `changes \`${short(code(op))}\`${LEFT_AS_IT_WAS}`, breaking: false, converge: { kind: "none" } as Convergence, loc: op.loc }]));
    } else out.push(added(op));
  }
  out.push(...left.map(removed));
  return out;
}
