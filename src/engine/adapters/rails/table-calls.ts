/**
 * Active Record's calls that reach a table by a symbol or hash key among their arguments: associations
 * (`has_many :authorizations`, `through: :authorizations`) and queries (`joins(:authorizations)`,
 * `where(authorizations: {...})`). Without Prism, for the modules that read Ruby with it to share.
 */
export const TABLE_CALLS: ReadonlySet<string> = new Set([
  "has_many",
  "has_one",
  "belongs_to",
  "has_and_belongs_to_many",
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
