/**
 * The sequence a serial column owns, under PostgreSQL's name for it (`<table>_<column>_seq`), when that name fits
 * unshortened (a shortened one is not ours to guess). DROP COLUMN drops an owned sequence, so a fix that moves the
 * column's default to another column moves the ownership first.
 */
export const serialSequence = (table: string, column: string): string | undefined => {
  const name = `${table.split(".").pop()}_${column}_seq`;
  return Buffer.byteLength(name) <= 63 ? (table.includes(".") ? `${table.split(".")[0]}.${name}` : name) : undefined;
};
