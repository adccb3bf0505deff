/**
 * Whether a Django project's settings name one database: `.using(alias)` in a data migration, where the alias is
 * the connection `migrate` runs on, then picks the database every manager writes to anyway. Read with tree-sitter
 * Python, every assignment anywhere in each settings module (under an `if`, in a function) counted:
 *   - at least one module assigns DATABASES, and each assignment is a dict literal with the same single alias;
 *   - an item assignment (`DATABASES["default"] = {...}`) names that alias too (another would add a database);
 *   - nothing else changes DATABASES (`.update()`, `.setdefault()`, `|=`) and no module sets DATABASE_ROUTERS to
 *     anything but an empty list (a router may send a model to another alias).
 * Settings that build DATABASES at run time from elsewhere (environment variables through dynaconf or
 * django-environ) cannot add an alias migguard sees: the evidence names the modules read, for the reader to judge.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { stringText } from "../adapters/python/nodes.js";
import type { SourceFile } from "../model.js";
import { signalKind } from "./signal-paths.js";

export interface OneDatabase {
  alias: string;
  /** the settings modules that assign DATABASES, with the line of the first assignment */
  readIn: string[];
}

type ModuleVerdict = { aliases: Set<string>; line: number } | "silent" | "other";

/** What one settings module says: the aliases its DATABASES assignments name, nothing about them, or something else. */
function moduleVerdict(content: string): ModuleVerdict {
  return withPythonTree(content, (root) => {
    const aliases = new Set<string>();
    let line = 0;
    let other = false;
    for (const assignment of root.descendantsOfType(["assignment", "augmented_assignment"])) {
      const left = assignment.childForFieldName("left");
      const right = assignment.childForFieldName("right");
      if (!left) continue;
      if (left.type === "identifier" && left.text === "DATABASE_ROUTERS") {
        if (!(assignment.type === "assignment" && right?.type === "list" && right.namedChildren.filter((c) => c.type !== "comment").length === 0)) other = true;
        continue;
      }
      const target = left.type === "subscript" ? left.childForFieldName("value") : left;
      if (target?.type !== "identifier" || target.text !== "DATABASES") continue;
      line ||= assignment.startPosition.row + 1;
      if (assignment.type !== "assignment") other = true;
      else if (left.type === "subscript") {
        const key = stringText(left.childForFieldName("subscript"));
        if (key === undefined) other = true;
        else aliases.add(key);
      } else {
        const keys = dictionaryKeys(right);
        if (keys === undefined || keys.length !== 1) other = true;
        else aliases.add(keys[0]);
      }
    }
    // DATABASES.update(...), DATABASES.setdefault(...): another alias may come in
    for (const call of root.descendantsOfType("call")) {
      const fn = call.childForFieldName("function");
      if (fn?.type === "attribute" && fn.childForFieldName("object")?.text === "DATABASES") other = true;
    }
    if (other) return "other";
    return aliases.size ? { aliases, line } : "silent";
  });
}

/** A dict literal's keys when every one is a plain string; undefined otherwise (`**base`, a computed key). */
function dictionaryKeys(node: PyNode | null): string[] | undefined {
  if (node?.type !== "dictionary") return undefined;
  const keys: string[] = [];
  for (const item of node.namedChildren) {
    if (item.type === "comment") continue;
    const key = item.type === "pair" ? stringText(item.childForFieldName("key")) : undefined;
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

/** The one database the settings modules name, with where they say so; undefined when not proved. */
export function oneDjangoDatabase(settings: readonly SourceFile[]): OneDatabase | undefined {
  const aliases = new Set<string>();
  const readIn: string[] = [];
  for (const file of [...settings].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const verdict = moduleVerdict(file.content);
    if (verdict === "other") return undefined;
    if (verdict === "silent") continue;
    verdict.aliases.forEach((a) => aliases.add(a));
    readIn.push(`${file.path}:${verdict.line}`);
  }
  if (aliases.size !== 1) return undefined;
  return { alias: [...aliases][0], readIn };
}

/**
 * `oneDjangoDatabase` over every settings module of the repository's listing (signal-paths.ts `signalKind`), read
 * by `read`; undefined when one of them cannot be read (an unread module could name a second database).
 */
export function oneDjangoDatabaseIn(listing: readonly string[], read: (path: string) => string | undefined): OneDatabase | undefined {
  const settings: SourceFile[] = [];
  for (const path of listing) {
    if (signalKind(path) !== "django-settings") continue;
    const content = read(path);
    if (content === undefined) return undefined;
    settings.push({ path, content });
  }
  return oneDjangoDatabase(settings);
}
