/**
 * Active Record's calls that reach a table by a symbol or hash key among their arguments: associations
 * (`has_many :authorizations`, `through: :authorizations`) and queries (`joins(:authorizations)`,
 * `where(authorizations: {...})`). Without Prism, for the modules that read Ruby with it to share.
 */
/** Active Record's association macros: a class body that calls one is a model's (plain-superclass.ts). */
export const ASSOCIATION_CALLS: readonly string[] = ["has_many", "has_one", "belongs_to", "has_and_belongs_to_many"];

export const TABLE_CALLS: ReadonlySet<string> = new Set([
  ...ASSOCIATION_CALLS,
  "joins",
  "left_joins",
  "left_outer_joins",
  "includes",
  "preload",
  "eager_load",
  "references",
  "where",
  "not",
  "rewhere",
  "merge",
  "table_exists?",
  "arel_table",
]);
