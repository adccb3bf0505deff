/**
 * Files -> migration units: detect each file, then pair ups with their downs by the layout's key.
 * A down given without its up is still syntax-checked.
 */
import type { Config } from "./config.js";
import { detectFile, type DetectedFile } from "./detect.js";
import type { SourceFile } from "./model.js";

export interface MigrationUnit {
  file: DetectedFile;
  content: string;
  downFile?: { path: string; content: string };
}

export interface Grouped {
  units: MigrationUnit[];
  /** downs whose up was not given: only their syntax is checked */
  orphanDowns: Array<{ file: DetectedFile; content: string }>;
}

export function groupMigrations(files: readonly SourceFile[], config: Config, explicit: ReadonlySet<string> = new Set()): Grouped {
  const byKey = new Map<string, { up?: { file: DetectedFile; content: string }; down?: { file: DetectedFile; content: string } }>();
  const units: MigrationUnit[] = [];
  for (const source of files) {
    const file = detectFile(source.path, source.content, config, { explicit: explicit.has(source.path) });
    if (!file || file.role === "verify") continue;
    if (file.role === "combined" || file.role === "repeatable") {
      units.push({ file, content: source.content });
      continue;
    }
    const slot = byKey.get(`${file.layout}:${file.key}`) ?? {};
    slot[file.role === "up" ? "up" : "down"] = { file, content: source.content };
    byKey.set(`${file.layout}:${file.key}`, slot);
  }
  const orphanDowns: Grouped["orphanDowns"] = [];
  for (const slot of byKey.values()) {
    if (slot.up) units.push({ file: slot.up.file, content: slot.up.content, downFile: slot.down && { path: slot.down.file.path, content: slot.down.content } });
    else if (slot.down) orphanDowns.push(slot.down);
  }
  return { units, orphanDowns };
}
