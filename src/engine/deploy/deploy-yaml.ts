/**
 * The YAML deploy files, read with the `yaml` parser: a compose file's services (what each container runs, how many
 * replicas) and Spring Boot's application*.yml (is Flyway or Liquibase switched off). Loaded only when a deploy
 * decision meets such a file (deploy-readers.ts): a lint of one SQL file never loads the YAML parser.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, visit, type Document } from "yaml";
import type { SourceFile } from "../model.js";
import { isDevelopmentEnvironment, isDevelopmentName } from "./deploy-paths.js";

export interface ComposeService {
  name: string;
  /** the container's entrypoint and command, as one shell line (a list's words joined) */
  command: string;
  /** the line of the service's `entrypoint:` or `command:` (the first of them), else of its name */
  line: number;
  /** `deploy.replicas`, or the older `scale` */
  replicas?: number;
  /** why the service is a development one (it runs the checkout, or its environment says so), if it is */
  development?: string;
  /** the services it waits for (`depends_on`), with the condition it waits on (a list's entries wait for `service_started`) */
  dependsOn: ComposeDependency[];
  /** the image it runs (`image:`), and what it builds (`build:`, as JSON), by which services running the same code are told */
  image?: string;
  build?: string;
}

export interface ComposeDependency {
  service: string;
  /** `service_started`, `service_healthy` or `service_completed_successfully` */
  condition: string;
  /** the line of the dependency's name under `depends_on:` */
  line: number;
}

/** `depends_on:` as a list of names or a map of name to `{condition}`, with the lines of the names */
function dependenciesOf(value: unknown, node: unknown, lineCounter: LineCounter): ComposeDependency[] {
  const lines = keyLines(node, lineCounter);
  if (Array.isArray(value)) {
    const listLines = isSeq(node) ? node.items.map((item) => (isScalar(item) && item.range ? lineCounter.linePos(item.range[0]).line : undefined)) : [];
    return value.flatMap((name, i) => (typeof name === "string" ? [{ service: name, condition: "service_started", line: listLines[i] ?? 1 }] : []));
  }
  return Object.entries(record(value) ?? {}).map(([service, options]) => ({
    service,
    condition: String(record(options)?.condition ?? "service_started"),
    line: lines.get(service) ?? 1,
  }));
}

/** a bind mount of the compose file's folder or the one above it: the service runs the checkout, not the image's code */
const CHECKOUT = /^\.{1,2}\/?$/;

/** `environment:` as a map or as a list of `KEY=value` */
function environmentOf(value: unknown): Array<[string, string]> {
  if (Array.isArray(value)) return value.filter((e): e is string => typeof e === "string").map((e) => [e.split("=")[0], e.slice(e.indexOf("=") + 1)]);
  return Object.entries(record(value) ?? {}).map(([k, v]) => [k, String(v)]);
}

/** The reason a compose service is for development, if one shows: a mount of the checkout, an environment that says so. */
function developmentSign(service: Record<string, unknown>): string | undefined {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  for (const volume of volumes) {
    const source = typeof volume === "string" ? volume.split(":")[0] : String(record(volume)?.source ?? "");
    if (CHECKOUT.test(source)) return `it mounts the checkout (${typeof volume === "string" ? volume : source})`;
  }
  for (const [key, value] of environmentOf(service.environment)) if (isDevelopmentEnvironment(key, value)) return `${key}=${value.trim()}`;
  return undefined;
}

/** `value` as a mapping when it is one (a parsed YAML or TOML table) */
export const record = (value: unknown): Record<string, unknown> | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** `command: sh -c "..."` as written, `command: ["sh", "-c", "..."]` as its words */
function shellLine(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((w) => typeof w === "string" || typeof w === "number").join(" ");
  return "";
}

/** The key lines of one mapping in the document's syntax tree (a service's own keys; merged ones have none here). */
function keyLines(node: unknown, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  if (!isMap(node)) return lines;
  for (const pair of node.items)
    if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
  return lines;
}

/**
 * The services of a compose file: each one's entrypoint and command (YAML anchors and `<<` merge keys resolved) and
 * replicas. A file that is not valid YAML runs nothing under Compose either: it has no services here.
 */
export function composeServices(file: SourceFile): ComposeService[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return [];
  const services = record(record(document.toJS({ maxAliasCount: 1000 }))?.services);
  if (!services) return [];
  const serviceLines = keyLines(document.get("services", true), lineCounter);
  const out: ComposeService[] = [];
  for (const [name, value] of Object.entries(services)) {
    const service = record(value) ?? {};
    const own = keyLines((document.getIn(["services", name], true) as unknown) ?? null, lineCounter);
    const keys = ["entrypoint", "command"].filter((k) => k in service);
    const keyLine = keys.map((k) => own.get(k)).filter((l): l is number => l !== undefined).sort((a, b) => a - b)[0];
    const replicas = Number(record(service.deploy)?.replicas ?? service.scale);
    const dependsOnNode = (document.getIn(["services", name, "depends_on"], true) as unknown) ?? null;
    out.push({
      name,
      command: keys.map((k) => shellLine(service[k])).join(" ").trim(),
      line: keyLine ?? serviceLines.get(name) ?? 1,
      replicas: Number.isFinite(replicas) ? replicas : undefined,
      development: developmentSign(service),
      dependsOn: dependenciesOf(service.depends_on, dependsOnNode, lineCounter),
      ...(typeof service.image === "string" ? { image: service.image } : {}),
      ...(service.build !== undefined ? { build: JSON.stringify(service.build) } : {}),
    });
  }
  return out;
}

/** The value at a dotted path, whether the YAML nests it (`spring: flyway: enabled:`) or writes the dots in a key. */
export function valueAt(node: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return node;
  const map = record(node);
  if (!map) return undefined;
  for (let i = path.length; i >= 1; i--) {
    const key = path.slice(0, i).join(".");
    if (key in map) {
      const found = valueAt(map[key], path.slice(i));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The profiles a Spring document applies to (`spring.config.activate.on-profile`, older `spring.profiles`). */
export function documentProfiles(document: Document): string[] {
  const js = document.toJS({ maxAliasCount: 1000 }) as unknown;
  const profiles = valueAt(js, ["spring", "config", "activate", "on-profile"]) ?? valueAt(js, ["spring", "profiles"]);
  if (typeof profiles === "string") return profiles.split(",").map((p) => p.trim().replace(/^!/, ""));
  return Array.isArray(profiles) ? profiles.map(String) : [];
}

/**
 * `spring.<tool>.enabled: false` in an application*.yml, in a document that applies to production: a document of a
 * development or test profile (`on-profile: test`) says nothing of production.
 */
export function springYamlDisables(file: SourceFile, tool: "flyway" | "liquibase"): boolean {
  for (const document of parseAllDocuments(file.content, { merge: true, prettyErrors: false })) {
    if (document.errors.length > 0) continue;
    if (documentProfiles(document).some((p) => isDevelopmentName(p))) continue;
    const enabled = valueAt(document.toJS({ maxAliasCount: 1000 }), ["spring", tool, "enabled"]);
    if (enabled === false || enabled === "false") return true;
  }
  return false;
}

/** The top-level keys of a YAML file with their lines; none when it is not valid YAML. */
function topLevelKeys(file: SourceFile): Map<string, number> {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter, uniqueKeys: false, prettyErrors: false });
  return document.errors.length > 0 ? new Map() : keyLines(document.contents, lineCounter);
}

/** The line of a Kamal config's `service:`, when the file has the `service` and `image` Kamal requires. */
export function kamalServiceLine(file: SourceFile): number | undefined {
  const keys = topLevelKeys(file);
  return keys.has("image") ? keys.get("service") : undefined;
}

/**
 * A Cloud66 manifest's environments (`production:`), and the line of the first `restart_signal:` a process of
 * theirs restarts with (`usr1`: Puma's phased restart), if any.
 */
export function cloud66Manifest(file: SourceFile): { environmentLine: number; restartSignal?: { line: number; signal: string } } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  const environments = keyLines(document.contents, lineCounter);
  const first = [...environments.values()].sort((a, b) => a - b)[0];
  if (first === undefined) return undefined;
  let restartSignal: { line: number; signal: string } | undefined;
  visit(document, {
    Pair(_, pair) {
      if (restartSignal || !isScalar(pair.key) || pair.key.value !== "restart_signal" || !isScalar(pair.value) || !pair.key.range) return;
      restartSignal = { line: lineCounter.linePos(pair.key.range[0]).line, signal: String(pair.value.value) };
    },
  });
  return { environmentLine: first, restartSignal };
}
