/**
 * How the repository runs Flyway, from its deploy files (scripts, Dockerfiles, CI workflows, package.json): the
 * `flyway ... migrate` that applies the V files, and any `flyway ... undo` (Maven's `flyway:undo`, Gradle's
 * `flywayUndo`) that would run the U files. Flyway runs a U file only on undo, a Teams/Enterprise command; a project
 * whose deploy runs migrate and nothing runs undo never runs its U files (crowd.dev: flyway_migrate.sh on the
 * Community image, 129 of 288 U files empty). A command continued over lines (`flyway \` ... `migrate`) is one.
 */
import type { SourceFile } from "../model.js";
import { lineAt, withoutComments } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";

const MIGRATE = /\bflyway\b[^\n]*?\bmigrate\b|\bflyway:migrate\b|\bflywayMigrate\b/;
const UNDO = /\bflyway\b[^\n]*?\bundo\b|\bflyway:undo\b|\bflywayUndo\b/;

export interface FlywayCommands {
  migrate?: DeployEvidence;
  undo?: DeployEvidence;
}

export function flywayCommands(files: readonly SourceFile[]): FlywayCommands {
  const out: FlywayCommands = {};
  for (const file of files) {
    // a continued line joined to the next, the same length, so offsets keep their lines in the file as written
    const text = withoutComments(file.content).replace(/\\\r?\n/g, (m) => " ".repeat(m.length - 1) + "\u0001");
    const migrate = MIGRATE.exec(text);
    if (migrate && !out.migrate) out.migrate = { path: file.path, line: lineAt(file.content, migrate.index), what: "runs flyway migrate" };
    const undo = UNDO.exec(text);
    if (undo && !out.undo) out.undo = { path: file.path, line: lineAt(file.content, undo.index), what: "runs flyway undo" };
  }
  return out;
}
