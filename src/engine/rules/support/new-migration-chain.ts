/**
 * The new migration files the fixes of one migration's findings have written so far. Each fix writes its files
 * after the folder's newest migration; without this, every fix of the migration would number its first file the
 * same (twelve NOT NULL fixes each writing 20260326123211_..., which Rails refuses together as a duplicate
 * version). A fix's files continue after the ones the fixes before it wrote: the next version or number, and,
 * for Django and Alembic, a dependency / down_revision on the last of them, so applying them all leaves one
 * leaf node / one head.
 */
export class NewMigrationChain {
  /** how many new files the earlier fixes wrote: the next fix's first file is numbered after them */
  written = 0;
  /** the last new file's Django migration name, or Alembic revision id, and the fix it belongs to */
  last?: { name: string; path: string };

  /** reserve `count` files: the offset of the first */
  reserve(count: number): number {
    const at = this.written;
    this.written += count;
    return at;
  }
}
