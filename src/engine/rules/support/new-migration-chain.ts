/**
 * The new migration files the fixes of one migration's findings have written so far. Each fix writes its files
 * after the folder's newest migration; without this, every fix of the migration would number its first file the
 * same (twelve NOT NULL fixes each writing 20260326123211_..., which Rails refuses together as a duplicate
 * version). A fix's files are numbered after the ones the fixes before it wrote. Each fix still runs alone (a
 * reviewer reads, and may apply, one fix): its Django dependency / Alembic down_revision names a migration the
 * repository holds, and a comment names the last file of the fix before it, what to follow when both are applied
 * (one leaf node / one head).
 */
export class NewMigrationChain {
  /** how many new files the earlier fixes wrote: the next fix's first file is numbered after them */
  written = 0;
  /** the last new file's Django migration name, or Alembic revision id, its path, and the migration whose fix wrote it: what the next fix names in its comment */
  last?: { name: string; path: string; of: string };

  /** reserve `count` files: the offset of the first */
  reserve(count: number): number {
    const at = this.written;
    this.written += count;
    return at;
  }
}
