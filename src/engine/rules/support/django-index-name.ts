/**
 * The name Django gives a models.Index without one (Index.set_name_with_model): at most 30 characters, the
 * limit its system check enforces on index names (models.E034). A fix that declares an index in Meta.indexes
 * must use a name within it; a longer one (a schema editor's db_index name) fails `manage.py check`.
 */
// node:crypto is looked up when a name is hashed, not imported (start-up cost of every lint, see rails-names)
const md5Hex = (parts: string[]) => {
  const hash = process.getBuiltinModule("node:crypto").createHash("md5");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};

export const DJANGO_INDEX_NAME_MAX = 30;

/** `<table[:11]>_<first column[:7]>_<md5(table, columns, "idx")[:6]>_idx`, as Django 2.x-5.x names it */
export function djangoIndexName(table: string, columns: readonly string[]): string {
  const digest = md5Hex([table, ...columns, "idx"]).slice(0, 6);
  return `${table.slice(0, 11)}_${(columns[0] ?? "").slice(0, 7)}_${digest}_idx`;
}

/** the name as written when Django accepts it in Meta.indexes, else the one Django would give */
export const djangoIndexNameWithin = (name: string, table: string, columns: readonly string[]): string =>
  name.length <= DJANGO_INDEX_NAME_MAX ? name : djangoIndexName(table, columns);
