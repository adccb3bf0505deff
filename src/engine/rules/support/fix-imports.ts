import { sourceImports } from "./next-migration.js";
import { unboundNames } from "./python-free-names.js";
import type { RuleContext } from "./rule.js";

/**
 * The import lines a Python fix needs in the migration it goes into: the names its code reads (`Decimal` in a field
 * copied from the migration that created it) that this migration does not import. Each
 * is imported as the newest earlier migration of the folder imports it; a name none imports is said in a comment, not
 * guessed. Empty when the code does not parse or reads nothing missing.
 */
export function missingImports(ctx: Pick<RuleContext, "migration" | "repository">, code: string): string[] {
  const read = unboundNames(code);
  if (!read?.length) return [];
  const own = sourceImports(ctx.migration);
  const missing = read.filter((name) => !own[name]);
  const earlier = [...ctx.repository.earlierInFolder].reverse();
  return missing.map((name) => {
    for (const m of earlier) {
      const line = sourceImports(m)[name];
      if (line) return line;
    }
    return `# ${name}: this migration does not import it; import it as the project's models do (migguard found no migration that imports it)`;
  });
}


/**
 * The lines that open a Django fix repeating `code` (a field as another migration wrote it: karrot's 0001 writes
 * `on_delete=django.db.models.deletion.CASCADE` under `import django.db.models.deletion`): the imports it needs that
 * the migration lacks, under a comment that says where they go; none when it lacks nothing.
 */
export function importsHeader(ctx: Pick<RuleContext, "migration" | "repository">, code: string): string[] {
  const imports = missingImports(ctx, code);
  return imports.length ? [`# at the top of the migration:`, ...imports] : [];
}
