/**
 * Where migguard's peers declare the line before which migrations already ran everywhere, and which migrations
 * each declaration speaks for. Path tests only (no parser): every lint asks them.
 * - strong_migrations: `StrongMigrations.start_after = 20230101000000` in the Rails project's
 *   config/initializers/strong_migrations.rb (the file its generator writes): that project's Rails migrations;
 * - Flyway: `flyway.baselineVersion` in flyway.conf / `baselineVersion` in flyway.toml: the Flyway migrations in
 *   the folder of the file (the folder above a `conf/` folder, where Flyway's own layout keeps it) and below;
 * - Spring Boot: `spring.flyway.baseline-version` in a module's src/main/resources/application.{properties,yml}:
 *   that module's Flyway migrations.
 */
import { dirOf } from "../paths.js";

export type DeclarationKind = "strong_migrations" | "flyway-conf" | "flyway-toml" | "spring-properties" | "spring-yaml";

const STRONG_MIGRATIONS = /^(?:(.*)\/)?config\/initializers\/strong_migrations\.rb$/;
const FLYWAY = /^(?:(.*)\/)?flyway\.(conf|toml)$/;
const SPRING = /^(?:(.*)\/)?src\/main\/resources\/application\.(properties|ya?ml)$/;

export interface Declaration {
  kind: DeclarationKind;
  /** the folder whose migrations it speaks for ("" is the repository root) */
  scope: string;
}

/** What a repository file declares a baseline in, if it is such a file. */
export function declarationAt(path: string): Declaration | undefined {
  const rails = STRONG_MIGRATIONS.exec(path);
  if (rails) return { kind: "strong_migrations", scope: rails[1] ?? "" };
  const flyway = FLYWAY.exec(path);
  if (flyway) {
    const dir = dirOf(path);
    const scope = dir === "conf" ? "" : dir.endsWith("/conf") ? dir.slice(0, -"/conf".length) : dir;
    return { kind: flyway[2] === "toml" ? "flyway-toml" : "flyway-conf", scope };
  }
  const spring = SPRING.exec(path);
  if (spring) return { kind: spring[2] === "properties" ? "spring-properties" : "spring-yaml", scope: spring[1] ?? "" };
  return undefined;
}

/** The framework a declaration's kind concerns: strong_migrations Rails migrations, the others Flyway's. */
export const declaresFor = (kind: DeclarationKind): "rails" | "flyway" => (kind === "strong_migrations" ? "rails" : "flyway");
