/**
 * Django's PostgreSQL schema editor adds a second index beside a field's own (db_index=True or unique=True) when the
 * column is varchar or text (not an array, and no db_collation): `<index>_like` with varchar_pattern_ops /
 * text_pattern_ops, which LIKE 'prefix%' needs outside the C locale (_create_like_index_sql). A fix that builds the
 * field's index by itself builds this one too.
 */
import type { TypeRef } from "../../model.js";

export const djangoLikeOpclass = (type: TypeRef | undefined): string | undefined =>
  !type || type.array ? undefined : ["varchar", "character varying"].includes(type.name) ? "varchar_pattern_ops" : type.name === "text" ? "text_pattern_ops" : undefined;
