import type { Operation } from "../../model.js";

/**
 * The statement an operation comes from, as a key: one statement may stand for several operations (ALTER TABLE ...
 * DROP COLUMN a, DROP COLUMN b), each with the statement's lines and text.
 */
export const statementKey = (op: Operation): string => `${op.loc.line}:${op.loc.endLine}:${op.text}`;
