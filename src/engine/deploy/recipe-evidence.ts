/**
 * A justfile recipe that runs the migrations and then starts the server, as an entrypoint that migrates then starts
 * does: bitcart's `prod-api-up: db-migrate prod-api` runs `alembic upgrade head`, then `gunicorn`. It counts when a
 * container command or start script runs it (`just prod-api-up`), or when its name says production (bitcart's image
 * and compose files live in another repository, bitcart-docker, which runs that recipe). A recipe named for
 * development, tests or a linter never counts; nor a justfile in a development folder.
 */
import type { SourceFile } from "../model.js";
import type { DeployEvidence } from "./deploy-model.js";
import { migrateThenServe, withoutComments } from "./deploy-commands.js";
import { isDevelopmentName, isJustfilePath, isProductionName, isTestRunnerName } from "./deploy-paths.js";
import { justInvocation, justRecipes, recipeCommands } from "./justfile-recipes.js";

/** The recipes `commands` run with `just`, one word list per line. */
const invoked = (commands: readonly string[]): Set<string> =>
  new Set(commands.flatMap((c) => withoutComments(c).split("\n")).flatMap((line) => justInvocation(line.trim().split(/\s+/)) ?? []));

/**
 * The justfile recipe that migrates then serves, among those `commands` (container commands, start scripts) run with
 * `just` and those named for production. `files` hold no development folder's files (offlineEntrypoint left them out).
 */
export function offlineRecipe(files: readonly SourceFile[], commands: readonly string[]): DeployEvidence | undefined {
  const named = invoked(commands);
  for (const file of files) {
    if (!isJustfilePath(file.path)) continue;
    const recipes = justRecipes(file.content);
    for (const recipe of recipes.values()) {
      const run = named.has(recipe.name);
      if (!run && !isProductionName(recipe.name)) continue;
      if (isDevelopmentName(recipe.name) || isTestRunnerName(recipe.name)) continue;
      if (migrateThenServe(recipeCommands(recipes, recipe.name).join("\n")) === undefined) continue;
      const why = run ? "which a container runs" : "named for production";
      const steps = recipe.before.length > 0 ? ` (its dependencies ${recipe.before.map((d) => `\`${d}\``).join(", ")} first)` : "";
      return { path: file.path, line: recipe.line, what: `the justfile recipe \`${recipe.name}\`, ${why}, runs the migrations and then starts the server${steps}` };
    }
  }
  return undefined;
}
