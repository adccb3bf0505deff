/**
 * Flyway's baseline as a repository declares it, read with each file's own grammar: flyway.conf and Spring's
 * application.properties are Java properties files (dot-properties: continuation lines, escapes, `:` or `=`),
 * flyway.toml is TOML (smol-toml), Spring's application.yml is YAML, read with the failsafe schema so that
 * `baseline-version: 1.10` stays "1.10" (YAML's core schema reads the number 1.1). Loaded only when a Flyway
 * migration meets such a file (baselines.ts).
 */
import { parseLines, Pair } from "dot-properties";
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { lineAt } from "../deploy/deploy-commands.js";
import { documentProfiles, valueAt } from "../deploy/deploy-yaml.js";
import { isDevelopmentName } from "../deploy/deploy-paths.js";
import type { SourceFile } from "../model.js";
import type { DeclarationKind } from "./declaration-paths.js";

export interface DeclaredVersion {
  version: string;
  /** the setting as the file writes it, for the summary line */
  said: string;
  line?: number;
}

/** A Flyway version as Flyway reads it (1, 1.2, 2024.01.31.1200, 1_2); a placeholder such as ${BASELINE} is none. */
const FLYWAY_VERSION = /^\d+(?:[._]\d+)*$/;

/** The last literal value of one of `keys` in a properties file (a later line overrides an earlier one, as in Java). */
function fromProperties(file: SourceFile, keys: readonly string[]): DeclaredVersion | undefined {
  let found: DeclaredVersion | undefined;
  for (const node of parseLines(file.content, true)) {
    if (!(node instanceof Pair) || !keys.includes(node.key)) continue;
    const version = node.value.trim();
    found = FLYWAY_VERSION.test(version) ? { version, said: `${node.key}=${version}`, line: node.range ? lineAt(file.content, node.range[0]) : undefined } : undefined;
  }
  return found;
}

/** `[flyway] baselineVersion = "1.2"` (a whole number may go unquoted; a float is ambiguous: 1.10 is 1.1). */
function fromToml(file: SourceFile): DeclaredVersion | undefined {
  let table: Record<string, unknown>;
  try {
    table = parseToml(file.content) as Record<string, unknown>;
  } catch {
    return undefined; // not valid TOML: Flyway would refuse it too
  }
  const flyway = table.flyway;
  if (typeof flyway !== "object" || flyway === null) return undefined;
  const value = (flyway as Record<string, unknown>).baselineVersion;
  const version = typeof value === "string" ? value.trim() : typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value)) ? String(value) : undefined;
  return version !== undefined && FLYWAY_VERSION.test(version) ? { version, said: `[flyway] baselineVersion = ${JSON.stringify(version)}` } : undefined;
}

const SPRING_KEYS = ["baseline-version", "baselineVersion", "baseline_version"];

/** `spring.flyway.baseline-version` in a document that applies to production (not a dev or test profile's). */
function fromSpringYaml(file: SourceFile): DeclaredVersion | undefined {
  let found: DeclaredVersion | undefined;
  for (const document of parseAllDocuments(file.content, { schema: "failsafe", prettyErrors: false })) {
    if (document.errors.length > 0 || documentProfiles(document).some((p) => isDevelopmentName(p))) continue;
    const js = document.toJS({ maxAliasCount: 1000 }) as unknown;
    for (const key of SPRING_KEYS) {
      const value = valueAt(js, ["spring", "flyway", key]);
      if (typeof value === "string" && FLYWAY_VERSION.test(value.trim())) found = { version: value.trim(), said: `spring.flyway.${key}: ${value.trim()}` };
    }
  }
  return found;
}

/** The baseline version a Flyway or Spring file declares, if it declares one. */
export function flywayDeclaration(kind: Exclude<DeclarationKind, "strong_migrations">, file: SourceFile): DeclaredVersion | undefined {
  switch (kind) {
    case "flyway-conf":
      return fromProperties(file, ["flyway.baselineVersion"]);
    case "flyway-toml":
      return fromToml(file);
    case "spring-properties":
      return fromProperties(file, SPRING_KEYS.map((k) => `spring.flyway.${k}`));
    case "spring-yaml":
      return fromSpringYaml(file);
  }
}

/** Flyway runs the migrations in its default schema: `defaultSchema`, else the first of `schemas` (a comma-separated list in properties). */
const firstSchema = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : typeof value === "string" ? value.split(",")[0] : undefined;
  const schema = typeof first === "string" ? first.trim() : undefined;
  return schema && !schema.includes("${") ? schema : undefined; // a placeholder is known only at run time
};

const SPRING_SCHEMA_KEYS = { default: ["default-schema", "defaultSchema", "default_schema"], list: ["schemas"] };

/** The last literal value of one of `keys` (a later line overrides an earlier one). */
function propertyValue(file: SourceFile, keys: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const node of parseLines(file.content, true)) if (node instanceof Pair && keys.includes(node.key)) found = node.value;
  return found;
}

/** The schema a Flyway or Spring settings file says the migrations run in (Flyway sets the session's schema to it), if it says. */
export function flywaySchemaDeclaration(kind: Exclude<DeclarationKind, "strong_migrations">, file: SourceFile): string | undefined {
  switch (kind) {
    case "flyway-conf":
      return firstSchema(propertyValue(file, ["flyway.defaultSchema"]) ?? propertyValue(file, ["flyway.schemas"]));
    case "spring-properties":
      return firstSchema(propertyValue(file, SPRING_SCHEMA_KEYS.default.map((k) => `spring.flyway.${k}`)) ?? propertyValue(file, SPRING_SCHEMA_KEYS.list.map((k) => `spring.flyway.${k}`)));
    case "flyway-toml": {
      let table: Record<string, unknown>;
      try {
        table = parseToml(file.content) as Record<string, unknown>;
      } catch {
        return undefined;
      }
      const flyway = table.flyway as Record<string, unknown> | undefined;
      return typeof flyway === "object" && flyway !== null ? firstSchema(flyway.defaultSchema ?? flyway.schemas) : undefined;
    }
    case "spring-yaml": {
      let found: string | undefined;
      for (const document of parseAllDocuments(file.content, { schema: "failsafe", prettyErrors: false })) {
        if (document.errors.length > 0 || documentProfiles(document).some((p) => isDevelopmentName(p))) continue;
        const js = document.toJS({ maxAliasCount: 1000 }) as unknown;
        const value = [...SPRING_SCHEMA_KEYS.default, ...SPRING_SCHEMA_KEYS.list].map((key) => valueAt(js, ["spring", "flyway", key])).find((v) => v !== undefined);
        found = firstSchema(value) ?? found;
      }
      return found;
    }
  }
}
