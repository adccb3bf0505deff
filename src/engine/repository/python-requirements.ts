/**
 * The Django version a Python project allows, read from its dependency files: requirements*.txt and the files of a
 * requirements/ folder, pyproject.toml ([project] dependencies, [tool.poetry] dependencies), setup.cfg and setup.py
 * (install_requires), Pipfile ([packages]), poetry.lock, uv.lock and Pipfile.lock. A lock file's version wins;
 * otherwise the ranges of every file are intersected.
 */
import { parse as parseToml } from "smol-toml";
import { setupCfgRequirements, setupPyRequirements } from "./python-setup-files.js";
import { baseOf, dirOf } from "../paths.js";

type Version = number[];
interface Bound {
  v: Version;
  inclusive: boolean;
}
/** the versions a project allows: lo <= v <= hi (either open) */
export interface VersionRange {
  lo?: Bound;
  hi?: Bound;
}

const PYTHON_MANIFESTS = new Set(["pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "poetry.lock", "uv.lock", "Pipfile.lock"]);

/** A Python dependency file: requirements*.txt (or .in), a .txt in a requirements/ folder, pyproject.toml, a lock file. */
export function isPythonManifestPath(path: string): boolean {
  const base = baseOf(path);
  if (PYTHON_MANIFESTS.has(base)) return true;
  if (!/\.(?:txt|in)$/.test(base)) return false;
  return base.startsWith("requirements") || /(?:^|\/)requirements\/[^/]+$/.test(path);
}

/** The folder a Python dependency file speaks for: its own, or the one above a requirements/ folder. */
export function pythonManifestDir(path: string): string {
  const dir = dirOf(path);
  if (baseOf(dir) !== "requirements" || baseOf(path).startsWith("requirements")) return dir;
  return dirOf(dir);
}

function version(text: string): Version | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(text.trim());
  return m ? m[1].split(".").map(Number) : undefined;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** `4.2` -> `5`, `4.2.1` -> `4.3`: the first release past a prefix without its last part */
const bumped = (v: Version): Version => (v.length < 2 ? [v[0] + 1] : [...v.slice(0, -2), v[v.length - 2] + 1]);
/** `4.2` -> `4.3`: the first release past the prefix `4.2.*` */
const next = (v: Version): Version => [...v.slice(0, -1), v[v.length - 1] + 1];

function narrowed(range: VersionRange, lo?: Bound, hi?: Bound): VersionRange {
  const out = { ...range };
  if (lo && (!out.lo || compare(lo.v, out.lo.v) > 0 || (compare(lo.v, out.lo.v) === 0 && !lo.inclusive))) out.lo = lo;
  if (hi && (!out.hi || compare(hi.v, out.hi.v) < 0 || (compare(hi.v, out.hi.v) === 0 && !hi.inclusive))) out.hi = hi;
  return out;
}

/**
 * A version specifier as a range: PEP 440 (`==4.2.30`, `>=4.2,<5`, `~=4.2`, `==4.2.*`) and Poetry's (`^4.2`, `~4.2`,
 * a bare `4.2.30`); undefined when it holds nothing that bounds the version.
 */
export function specifierRange(spec: string): VersionRange | undefined {
  let range: VersionRange = {};
  let bounded = false;
  for (const clause of spec.split(/[,|]/).map((c) => c.trim()).filter(Boolean)) {
    if (spec.includes("|")) return undefined; // Poetry's "or": not one range
    const m = /^(===|==|~=|>=|<=|!=|>|<|\^|~|=)?\s*(.+)$/.exec(clause);
    if (!m) continue;
    const [, op = "==", rest] = m;
    if (rest === "*") continue;
    const wildcard = rest.endsWith(".*");
    const v = version(wildcard ? rest.slice(0, -2) : rest);
    if (!v) continue;
    bounded = true;
    switch (op) {
      case "==":
      case "===":
      case "=":
        range = wildcard ? narrowed(range, { v, inclusive: true }, { v: next(v), inclusive: false }) : narrowed(range, { v, inclusive: true }, { v, inclusive: true });
        break;
      case "~=":
        range = narrowed(range, { v, inclusive: true }, { v: bumped(v), inclusive: false });
        break;
      case "^": {
        // Poetry: the first non-zero part may not change
        const first = v.findIndex((n) => n !== 0);
        const at = first === -1 ? v.length - 1 : first;
        range = narrowed(range, { v, inclusive: true }, { v: [...v.slice(0, at), v[at] + 1], inclusive: false });
        break;
      }
      case "~":
        range = narrowed(range, { v, inclusive: true }, { v: v.length < 2 ? [v[0] + 1] : [v[0], v[1] + 1], inclusive: false });
        break;
      case ">=":
        range = narrowed(range, { v, inclusive: true });
        break;
      case ">":
        range = narrowed(range, { v, inclusive: false });
        break;
      case "<=":
        range = narrowed(range, undefined, { v, inclusive: true });
        break;
      case "<":
        range = narrowed(range, undefined, { v, inclusive: false });
        break;
      default:
        bounded = clause !== "" && bounded; // != excludes one version: no bound
    }
  }
  return bounded ? range : undefined;
}

/** A PEP 508 requirement (`Django[argon2]>=4.2,<5 ; python_version >= "3.10"`): its package's normalised name, its extras and its specifier. */
function requirement(line: string): { name: string; extras: string[]; spec: string } | undefined {
  const text = line.replace(/\s+#.*$/, "").split(";")[0].trim();
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$/.exec(text);
  const extras = (m?.[2] ?? "").split(",").map((e) => normalise(e.trim())).filter(Boolean);
  return m ? { name: normalise(m[1]), extras, spec: m[3].replace(/^\(|\)$/g, "").trim() } : undefined;
}

/** The requirement's specifier when it is one for `name` (normalised); undefined otherwise. */
function requirementSpec(line: string, name: string): string | undefined {
  const r = requirement(line);
  return r?.name === name ? r.spec : undefined;
}

/** A line of a requirements file that is a requirement: options (-r, -e, --hash), comments and blank lines are not. */
const requirementLines = (content: string) => content.split(/\r?\n/).filter((line) => !/^\s*(?:-|#|$)/.test(line)).map((line) => line.replace(/\\\s*$/, ""));

/** A package's name as PEP 503 compares them: `Django_Filter` and `django-filter` are one package. */
export const normalisedPackageName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
const normalise = normalisedPackageName;

type Toml = Record<string, unknown>;
const table = (value: unknown): Toml | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Toml) : undefined);

/** The versions every specifier allows at once; undefined when none bounds the version. */
function intersected(specs: readonly string[]): { range: VersionRange; locked: boolean } | undefined {
  const ranges = specs.map(specifierRange).filter((r): r is VersionRange => r !== undefined);
  return ranges.length ? { range: ranges.reduce((a, b) => narrowed(a, b.lo, b.hi)), locked: false } : undefined;
}

/** The versions of `name` one dependency file allows, or undefined when it does not name it (or cannot be read). */
export function manifestRange(path: string, content: string, name: string): { range: VersionRange; locked: boolean } | undefined {
  const base = baseOf(path);
  const wanted = normalise(name);
  try {
    if (base === "poetry.lock" || base === "uv.lock") {
      const packages = (parseToml(content).package as Toml[] | undefined) ?? [];
      const found = packages.find((p) => typeof p.name === "string" && normalise(p.name) === wanted);
      const v = typeof found?.version === "string" ? specifierRange(`==${found.version}`) : undefined;
      return v && { range: v, locked: true };
    }
    if (base === "Pipfile.lock") {
      const lock = JSON.parse(content) as Record<string, Record<string, { version?: string }> | undefined>;
      const entry = Object.entries(lock.default ?? {}).find(([n]) => normalise(n) === wanted)?.[1];
      const v = entry?.version ? specifierRange(entry.version) : undefined;
      return v && { range: v, locked: true };
    }
    if (base === "setup.cfg" || base === "setup.py") {
      const requirements = base === "setup.cfg" ? setupCfgRequirements(content) : setupPyRequirements(content);
      return intersected(requirements.map((r) => requirementSpec(r, wanted)).filter((spec): spec is string => spec !== undefined));
    }
    if (base === "Pipfile") {
      // [packages] django = "==4.2.*" or { version = ">=5.1", extras = [...] }; "*" bounds nothing
      const value = Object.entries(table(parseToml(content).packages) ?? {}).find(([n]) => normalise(n) === wanted)?.[1];
      const spec = typeof value === "string" ? value : typeof table(value)?.version === "string" ? (table(value)!.version as string) : undefined;
      return intersected(spec !== undefined ? [spec] : []);
    }
    if (base === "pyproject.toml") {
      const doc = parseToml(content);
      const specs: string[] = [];
      const project = table(doc.project);
      for (const dep of Array.isArray(project?.dependencies) ? project.dependencies : []) {
        const spec = typeof dep === "string" ? requirementSpec(dep, wanted) : undefined;
        if (spec !== undefined) specs.push(spec);
      }
      const poetry = table(table(doc.tool)?.poetry);
      for (const [n, value] of Object.entries(table(poetry?.dependencies) ?? {})) {
        if (normalise(n) !== wanted) continue;
        const spec = typeof value === "string" ? value : typeof table(value)?.version === "string" ? (table(value)!.version as string) : undefined;
        if (spec !== undefined) specs.push(spec);
      }
      return intersected(specs);
    }
    // requirements*.txt: one requirement a line
    for (const line of requirementLines(content)) {
      const spec = requirementSpec(line, wanted);
      const range = spec !== undefined ? specifierRange(spec) : undefined;
      if (range) return { range, locked: false };
    }
  } catch {
    // an unreadable file says nothing
  }
  return undefined;
}

/**
 * The packages one dependency file names at all (a bare `psycopg2`, which bounds no version, included), normalised:
 * read as manifestRange reads the file (requirement lines, [project] and Poetry dependencies and their optional
 * groups, setup files, the Pipfile's [packages], a lock file's packages). None when it cannot be read.
 */
export function manifestNames(path: string, content: string): Set<string> {
  const base = baseOf(path);
  const names = new Set<string>();
  const requirements = (lines: readonly unknown[]) => {
    for (const line of lines) {
      const r = typeof line === "string" ? requirement(line) : undefined;
      if (r) names.add(r.name);
    }
  };
  const keys = (deps: unknown) => Object.keys(table(deps) ?? {}).forEach((n) => names.add(normalise(n)));
  try {
    if (base === "poetry.lock" || base === "uv.lock") {
      for (const p of (parseToml(content).package as Toml[] | undefined) ?? []) if (typeof p.name === "string") names.add(normalise(p.name));
    } else if (base === "Pipfile.lock") keys((JSON.parse(content) as Record<string, unknown>).default);
    else if (base === "setup.cfg") requirements(setupCfgRequirements(content));
    else if (base === "setup.py") requirements(setupPyRequirements(content));
    else if (base === "Pipfile") keys(parseToml(content).packages);
    else if (base === "pyproject.toml") {
      const doc = parseToml(content);
      const project = table(doc.project);
      const optional = Object.values(table(project?.["optional-dependencies"]) ?? {}).flatMap((group) => (Array.isArray(group) ? group : []));
      requirements([...(Array.isArray(project?.dependencies) ? project.dependencies : []), ...optional]);
      keys(table(table(doc.tool)?.poetry)?.dependencies);
    } else requirements(requirementLines(content));
  } catch {
    return new Set(); // an unreadable file says nothing
  }
  return names;
}

/** One dependency of a manifest: its normalised name and extras; `optional` when only an extras group installs it. */
export interface ManifestRequirement {
  name: string;
  extras: string[];
  optional: boolean;
}

/**
 * The requirements a dependency file installs (requirement lines, [project] dependencies and optional-dependencies,
 * Poetry's dependencies with their `extras`, setup.cfg's install_requires), with their extras: `oslo.db[mysql]` names
 * a MySQL driver by its extra. Lock files are not read (they hold development packages too). None when unreadable.
 */
export function manifestRequirements(path: string, content: string): ManifestRequirement[] {
  const base = baseOf(path);
  const out: ManifestRequirement[] = [];
  const add = (lines: readonly unknown[], optional: boolean) => {
    for (const line of lines) {
      const r = typeof line === "string" ? requirement(line) : undefined;
      if (r) out.push({ name: r.name, extras: r.extras, optional });
    }
  };
  try {
    if (base === "setup.cfg") add(setupCfgRequirements(content), false);
    else if (base === "pyproject.toml") {
      const doc = parseToml(content);
      const project = table(doc.project);
      add(Array.isArray(project?.dependencies) ? project.dependencies : [], false);
      // groups for tests, development and docs are not an installation's choice
      for (const [name, group] of Object.entries(table(project?.["optional-dependencies"]) ?? {}))
        if (!/^(?:tests?|testing|dev|develop|development|docs?|lint|ci|typing|all)$/i.test(name)) add(Array.isArray(group) ? group : [], true);
      for (const [n, value] of Object.entries(table(table(table(doc.tool)?.poetry)?.dependencies) ?? {})) {
        const spec = table(value);
        const extras = Array.isArray(spec?.extras) ? spec.extras.filter((e): e is string => typeof e === "string").map(normalise) : [];
        out.push({ name: normalise(n), extras, optional: spec?.optional === true });
      }
    } else if (/\.(?:txt|in)$/.test(base)) add(requirementLines(content), false);
  } catch {
    return []; // an unreadable file says nothing
  }
  return out;
}

/** Every version `range` allows is at least `floor` (true), below it (false), or some are and some are not (undefined). */
export function rangeAtLeast(range: VersionRange | undefined, floor: string): boolean | undefined {
  const f = version(floor)!;
  if (!range) return undefined;
  if (range.lo && compare(range.lo.v, f) >= 0) return true;
  if (range.hi && (compare(range.hi.v, f) < 0 || (compare(range.hi.v, f) === 0 && !range.hi.inclusive))) return false;
  return undefined;
}

/** The range every file allows at once, a lock file's exact version first. */
export function combinedRange(found: ReadonlyArray<{ range: VersionRange; locked: boolean }>): VersionRange | undefined {
  const locked = found.find((f) => f.locked);
  if (locked) return locked.range;
  return found.length ? found.reduce<VersionRange>((a, b) => narrowed(a, b.range.lo, b.range.hi), {}) : undefined;
}
