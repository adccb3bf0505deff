/**
 * Rails' config/database.yml: the production entry first, else `default` (the anchor other entries merge).
 * Multi-database entries (`production: { primary: {...}, cache: {...} }`) use `primary`, else their first
 * entry. ERB is Rails' templating: `<%= ENV.fetch("DATABASE_ADAPTER", "mysql2") %>` hides the adapter, and
 * only the literal fallback of `ENV.fetch` / `ENV[...] ||`, read with Ruby's parser, is taken (as a weaker signal).
 */
import { CallNode, OrNode, StringNode, type Node } from "@ruby/prism";
import { parseDocument } from "yaml";
import { parseRuby } from "../adapters/rails/prism.js";
import type { Database } from "../model.js";
import { railsAdapterDatabase, urlDatabase } from "./names.js";
import type { SignalReading } from "./signal.js";

const ERB = /<%(=|#|-)?([\s\S]*?)-?%>/g;

/** ERB output tags become placeholders (their Ruby kept aside); control and comment tags disappear. */
function stripErb(text: string): { yaml: string; ruby: string[] } {
  const ruby: string[] = [];
  const yaml = text.replace(ERB, (_, kind: string | undefined, code: string) => {
    if (kind !== "=") return "";
    ruby.push(code.trim());
    return `__migguard_erb_${ruby.length - 1}__`;
  });
  return { yaml, ruby };
}

/** The literal a Ruby expression falls back to: `ENV.fetch("X", "mysql2")`, `ENV["X"] || "mysql2"`, `"mysql2"`. */
function rubyFallback(code: string): string | undefined {
  let program;
  try {
    program = parseRuby(code).value;
  } catch {
    return undefined;
  }
  const body = program.statements.body;
  if (body.length !== 1) return undefined;
  const literal = (node: Node | undefined): string | undefined => {
    if (node instanceof StringNode) return node.unescaped.value;
    if (node instanceof OrNode) return literal(node.right);
    if (node instanceof CallNode && node.name === "fetch") {
      const args = node.arguments_?.arguments_ ?? [];
      return args.length === 2 ? literal(args[1]) : undefined;
    }
    return undefined;
  };
  return literal(body[0]);
}

export type Entry = Record<string, unknown>;
export const isEntry = (v: unknown): v is Entry => typeof v === "object" && v !== null && !Array.isArray(v);

/** The connection settings of an environment (`primary` or the first database of a multi-database one). */
function connectionOf(env: unknown): Entry | undefined {
  if (!isEntry(env)) return undefined;
  if ("adapter" in env || "url" in env) return env;
  const nested = Object.values(env).filter(isEntry);
  const primary = isEntry(env.primary) ? env.primary : nested[0];
  return primary && ("adapter" in primary || "url" in primary) ? primary : undefined;
}

/** database.yml's data, ERB output tags as `__migguard_erb_<n>__` placeholders whose Ruby is `ruby[n]`. */
export type DatabaseYml = { data: unknown; ruby: string[] } | { problem: string };

export function parseDatabaseYml(text: string): DatabaseYml {
  const { yaml, ruby } = stripErb(text);
  try {
    const doc = parseDocument(yaml, { merge: true, uniqueKeys: false });
    if (doc.errors.length) return { problem: `not valid YAML once its ERB is set aside (${doc.errors[0].message.split("\n")[0]})` };
    return { data: doc.toJS({ maxAliasCount: 100 }), ruby };
  } catch (error) {
    return { problem: `not readable (${error instanceof Error ? error.message.split("\n")[0] : String(error)})` };
  }
}

export function readRailsDatabaseYml(path: string, text: string, sample: boolean): SignalReading {
  const parsed = parseDatabaseYml(text);
  if ("problem" in parsed) return { path, why: parsed.problem };
  const { data, ruby } = parsed;
  if (!isEntry(data)) return { path, why: "has no environments" };
  const envName = isEntry(data.production) ? "production" : isEntry(data.default) ? "default" : undefined;
  if (!envName) return { path, why: "has neither a production nor a default entry" };
  const connection = connectionOf(data[envName]);
  if (!connection) return { path, why: `its ${envName} entry names no adapter` };
  for (const key of ["adapter", "url"] as const) {
    const raw = connection[key];
    if (typeof raw !== "string") continue;
    const erb = /^__migguard_erb_(\d+)__$/.exec(raw.trim());
    const value = erb ? rubyFallback(ruby[Number(erb[1])]) : raw;
    const database: Database | undefined = value === undefined ? undefined : key === "adapter" ? railsAdapterDatabase(value) : urlDatabase(value);
    if (!database) {
      if (erb) continue;
      return { path, why: `its ${envName} ${key} "${raw}" is not one migguard knows` };
    }
    const shown = value ?? raw;
    const says = erb ? `${envName} ${key} comes from ERB whose default is "${shown}"` : `${envName} ${key} ${key === "url" ? shown.split(":")[0] : shown}`;
    return { database, path, says, strength: sample || erb ? "fallback" : "config" };
  }
  return { path, why: `ERB hides its ${envName} adapter` };
}

/**
 * Every database the connections of database.yml name, in all environments (each entry, each database of a
 * multi-database one), when every adapter and url is a literal migguard knows: the set Active Record can connect
 * to. Undefined when any of them is hidden by ERB or unknown (an env-chosen adapter may be any), or the file does
 * not read: then it bounds nothing.
 */
export function literalAdapters(text: string): Set<Database> | undefined {
  const parsed = parseDatabaseYml(text);
  if ("problem" in parsed || !isEntry(parsed.data)) return undefined;
  const out = new Set<Database>();
  const connections = (value: unknown): Entry[] => (!isEntry(value) ? [] : "adapter" in value || "url" in value ? [value] : Object.values(value).flatMap(connections));
  for (const connection of Object.values(parsed.data).flatMap(connections)) {
    for (const key of ["adapter", "url"] as const) {
      const raw = connection[key];
      if (raw === undefined) continue;
      if (typeof raw !== "string" || raw.includes("__migguard_erb_")) return undefined;
      const database = key === "adapter" ? railsAdapterDatabase(raw) : urlDatabase(raw);
      if (!database) return undefined;
      out.add(database);
    }
  }
  return out.size ? out : undefined;
}
