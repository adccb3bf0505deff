/**
 * Every Alembic fix that leaves the transaction with `op.get_context().autocommit_block()`, where env.py began a
 * transaction Alembic did not (database/alembic-external-transaction.ts): the block would fail Alembic's
 * `assert self._transaction is not None`. Committing the connection first (`op.get_bind().commit()`) ends that
 * transaction, so the block finds none and runs; the same commit autocommit_block makes itself. Rewritten here,
 * once for every rule, with the Python grammar (a block named in a comment or string stays as it is).
 */
import { withPythonTree } from "../../adapters/python/parser.js";
import type { ExternalTransaction } from "../../database/alembic-external-transaction.js";
import type { AutocommitPrecedent } from "../../database/alembic-autocommit-precedent.js";

const BLOCK = "op.get_context().autocommit_block()";

/**
 * `engine`: what makes env.py's execute begin a transaction: the project's SQLAlchemy 2 (its dependency files), an
 * engine env.py creates with future=True, or neither known. `precedentOf`: the folder's earlier revision that ran
 * outside a transaction, asked only for a fix with the block (it scans the earlier revisions)
 */
export function withCommitBeforeAutocommit(fix: string, env: ExternalTransaction, engine: "sqlalchemy2" | "future" | undefined, precedentOf?: () => AutocommitPrecedent | undefined): string {
  // most fixes have no block: skip the parse
  if (!fix.includes(BLOCK)) return fix;
  const precedent = precedentOf?.();
  return withLinesBeforeBlocks(fix, [
    `# ${env.path} line ${env.line} runs ${env.connection}.execute() before context.configure(): ${engine === "sqlalchemy2" ? "under the project's SQLAlchemy 2 (its dependency files)" : engine === "future" ? `on the engine ${env.path} creates with future=True (SQLAlchemy 2.0's Connection)` : "under SQLAlchemy 2.0 or future=True (the project's version is unknown: on 1.x without future=True drop the commit line, which 1.x lacks)"} that begins a transaction Alembic did not, and autocommit_block() alone fails its assert`,
    `# commit it first (or commit in env.py before context.configure, or run these on a separate connection with isolation_level="AUTOCOMMIT"${precedent?.how === "isolation_level" ? `, as revision ${precedent.revision} does` : ""}); like autocommit_block, this commits what ran before`,
    `op.get_bind().commit()`,
  ]);
}

/**
 * Every Alembic fix with `op.get_context().autocommit_block()`, where env.py begins the upgrade's transaction itself
 * with begin() and commits it after the last revision (funnel's `rec['transaction'] = conn.begin()`): the block fails
 * Alembic's assert, and no revision can commit in its place (env.py's own commit then raises "This transaction is
 * inactive"). Nothing a revision writes leaves that transaction, so the block is kept for the env.py that lets Alembic
 * begin the transaction, with that change shown as code above it.
 */
export function withEnvChangeForAutocommit(fix: string, env: ExternalTransaction): string {
  if (!fix.includes(BLOCK)) return fix;
  return withLinesBeforeBlocks(fix, heldTransactionNote(env, "this block runs once env.py lets Alembic begin the transaction"));
}

/** Why a revision cannot leave env.py's begun transaction, and env.py's change (as code) that lets it: comment lines. */
export function heldTransactionNote(env: ExternalTransaction, then: string): string[] {
  return [
    `# ${env.path} line ${env.line} begins the upgrade's transaction itself (${env.begun}) and commits it after the last revision: autocommit_block() fails Alembic's assert (it ends only a transaction Alembic began), and a commit here makes env.py's own commit fail`,
    `# ${then}; in ${env.path}, drop that begin() and its commit()/rollback() (a \`with ... begin()\` around configure becomes \`with ... connect()\`) and run the revisions in Alembic's transaction:`,
    `#     context.configure(connection=${env.connection}, ...)  # as it is`,
    `#     with context.begin_transaction():`,
    `#         context.run_migrations()`,
  ];
}

/** `lines` inserted above each `with op.get_context().autocommit_block():` of the fix, at the block's indentation. */
function withLinesBeforeBlocks(fix: string, lines: readonly string[]): string {
  let text = fix;
  // last block first: an insertion moves only what follows it
  for (const start of blockStarts(fix).sort((a, b) => b - a)) {
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const indent = text.slice(lineStart, start);
    text = `${text.slice(0, start)}${lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join("\n")}\n${indent}${text.slice(start)}`;
  }
  return text;
}

/** Where each `with op.get_context().autocommit_block():` of a fix starts. */
function blockStarts(fix: string): number[] {
  return withPythonTree(fix, (root) =>
    root
      .descendantsOfType("with_statement")
      .filter((w) => w !== null && w.descendantsOfType("with_item").some((i) => i?.namedChildren[0]?.text === BLOCK))
      .map((w) => w!.startIndex),
  );
}
