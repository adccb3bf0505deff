/**
 * The change as a review reads it, the same for its plan (plan.ts) and the review itself (review.ts): GitHub's
 * statuses folded into four, the configuration with the Alembic script locations, Django migrations packages and
 * tern, Atlas or Drizzle folders the listed paths show, and a Django migration moved into another app read as a deletion there and an addition here (cross-app-moves.ts).
 */
import type { Config } from "../config.js";
import { withAlembicScriptLocations } from "../migration-folders/alembic-script-locations.js";
import { withDjangoSqlCopies } from "../migration-folders/django-sql-copies.js";
import { withMarkedSqlFolders } from "../migration-folders/marked-sql-folders.js";
import { normaliseChanges, type Change, type ChangedFile } from "./changes.js";
import { splitCrossAppMoves } from "./cross-app-moves.js";
import { pairUnpairedMoves } from "./unpaired-moves.js";

/** `paths`: the other files known (the base tree, the head's), where an Alembic script location or a Django package may show. */
export function reviewedChanges(files: readonly ChangedFile[], given: Config, paths: readonly string[]): { config: Config; changes: Change[] } {
  const listed = normaliseChanges(files);
  const known = [...paths, ...listed.map((c) => c.path)];
  // the .sql files kept beside Django's migration modules are copies for review, never run (django-sql-copies.ts)
  // tern.conf, atlas.sum and drizzle-kit's meta/_journal.json mark their runner's folders (marked-sql-folders.ts)
  const config = withMarkedSqlFolders(withDjangoSqlCopies(withAlembicScriptLocations(given, known), known), known);
  // a migration moved under its own name that the listing gives as a deletion and an addition is that migration, moved (unpaired-moves.ts)
  return { config, changes: pairUnpairedMoves(splitCrossAppMoves(listed, config), config) };
}
