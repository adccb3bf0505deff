/** Read the application's Rails and Django models (Prism, tree-sitter) for the verdicts of code-models.ts. */
import type { SourceFile } from "../model.js";
import type { CodeModels } from "./code-models.js";
import { readDjangoModels } from "./django-models.js";
import { readRailsModels } from "./rails-models.js";

export function readCodeModels(files: readonly SourceFile[], wanted: { rails: boolean; django: boolean }, baseFiles: readonly SourceFile[] = []): CodeModels {
  return {
    rails: wanted.rails ? readRailsModels(files) : [],
    baseRails: wanted.rails ? readRailsModels(baseFiles) : [],
    django: wanted.django ? readDjangoModels(files) : [],
  };
}
