/**
 * A Python project's own console scripts (mwdb-core's `mwdb-core = "mwdb.cli:cli"`), declared in pyproject.toml's
 * `[project.scripts]` (or Poetry's `[tool.poetry.scripts]`, read with smol-toml) or setup.cfg's
 * `[options.entry_points]` `console_scripts` (an INI file: sections and `key = value` lines, continuation lines
 * indented), or setup.py's `setup(entry_points=...)` (setup-py-scripts.ts, with tree-sitter's Python grammar, which the
 * caller passes in: this module loads no Python parser). A container that runs one (`/app/.venv/bin/mwdb-core configure`) runs the function the entry point
 * names; python-cli-migrate.ts reads, with tree-sitter's Python grammar, whether the subcommand it runs migrates.
 * Here only the declarations, the commands that run them and the code files to read.
 */
import { parse as parseToml } from "smol-toml";
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";

export interface ConsoleScript {
  /** the command name (`mwdb-core`) */
  name: string;
  /** the module the entry point names (`mwdb.cli`) */
  module: string;
  /** the function it calls (`cli`) */
  function: string;
  /** where it is declared */
  path: string;
  line: number;
}

/** pyproject.toml, setup.cfg or setup.py of the repository root or a folder one down (the package's own, in a monorepo). */
export const isPythonPackagingPath = (path: string): boolean => /^(?:[^/]+\/)?(?:pyproject\.toml|setup\.cfg|setup\.py)$/.test(path);
/** setup.py, whose declarations only a Python parser reads */
export const isSetupPyPath = (path: string): boolean => isPythonPackagingPath(path) && baseOf(path) === "setup.py";

/** `module:function` (an entry point's object reference; `module:Class.method` and extras are not read) */
export function entryPoint(value: string): { module: string; function: string } | undefined {
  const [module, target] = value.split("[")[0].trim().split(":");
  return module && target && /^[\w.]+$/.test(module) && /^\w+$/.test(target.trim()) ? { module, function: target.trim() } : undefined;
}

const table = (value: unknown): Record<string, unknown> | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** the line of `key =` in a file (TOML and INI keep a key on its own line), 1 when not found */
function keyLine(content: string, key: string): number {
  const at = content.split("\n").findIndex((l) => l.trimStart().startsWith(key) && /^\s*=/.test(l.trimStart().slice(key.length).replace(/^["']/, "")));
  return at === -1 ? 1 : at + 1;
}

function pyprojectScripts(file: SourceFile): ConsoleScript[] {
  let config: Record<string, unknown>;
  try {
    config = parseToml(file.content);
  } catch {
    // not valid TOML: pip cannot install it either
    return [];
  }
  const scripts = { ...table(table(table(config.tool)?.poetry)?.scripts), ...table(table(config.project)?.scripts) };
  return Object.entries(scripts).flatMap(([name, value]) => {
    const target = typeof value === "string" ? entryPoint(value) : undefined;
    return target ? [{ name, ...target, path: file.path, line: keyLine(file.content, name) }] : [];
  });
}

/** setup.cfg's `console_scripts` under `[options.entry_points]`: one `name = module:function` per continuation line */
function setupCfgScripts(file: SourceFile): ConsoleScript[] {
  const out: ConsoleScript[] = [];
  let section = "";
  let inScripts = false;
  file.content.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\s[#;].*$/, "");
    if (/^\s*[#;]/.test(line) || line.trim() === "") return;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inScripts = false;
      return;
    }
    if (section !== "options.entry_points") return;
    const indented = /^\s/.test(line);
    if (!indented) {
      const [key, value] = line.split(/=(.*)/s);
      inScripts = key.trim() === "console_scripts";
      if (inScripts && value?.trim()) out.push(...declared(value, index));
      return;
    }
    if (inScripts) out.push(...declared(line, index));
  });
  function declared(text: string, index: number): ConsoleScript[] {
    const [name, value] = text.split(/=(.*)/s);
    const target = value !== undefined ? entryPoint(value) : undefined;
    return name.trim() && target ? [{ name: name.trim(), ...target, path: file.path, line: index + 1 }] : [];
  }
  return out;
}

/**
 * The console scripts the project's packaging files declare; setup.py's through `setupPy` (setup-py-scripts.ts),
 * none when it is not given (its Python reader is not loaded).
 */
export function consoleScripts(files: readonly SourceFile[], setupPy?: (file: SourceFile) => ConsoleScript[]): ConsoleScript[] {
  return files.filter((f) => isPythonPackagingPath(f.path)).flatMap((f) => {
    const base = baseOf(f.path);
    if (base === "pyproject.toml") return pyprojectScripts(f);
    if (base === "setup.cfg") return setupCfgScripts(f);
    return setupPy ? setupPy(f) : [];
  });
}

export interface ConsoleScriptRun {
  script: ConsoleScript;
  /** where the command name starts in the text */
  index: number;
  /** the words after it on its command, up to a shell operator or the line's end (`configure`, `--quiet`, `basic`) */
  words: string[];
}

/** shell words and the operators that end a command */
const SHELL_TOKENS = /&&|\|\||[;|&\n]|[^\s;|&]+/g;

/**
 * The runs of `scripts` in a shell text: a word that is the script's name or a path ending in it
 * (`/app/.venv/bin/mwdb-core`), and the words after it on the same command. Quotes and inline-code backticks around a
 * word are dropped (an exec-form CMD is joined into one line first).
 */
export function consoleScriptRuns(text: string, scripts: readonly ConsoleScript[]): ConsoleScriptRun[] {
  if (scripts.length === 0) return [];
  // a documented step quotes the command as inline code (Markdown's `cmd`, reStructuredText's ``cmd``)
  const tokens = [...text.matchAll(SHELL_TOKENS)].map((m) => ({ text: m[0].replace(/^(?:["']|`+)|(?:["']|`+)$/g, ""), index: m.index }));
  const out: ConsoleScriptRun[] = [];
  tokens.forEach((token, i) => {
    const script = scripts.find((s) => token.text === s.name || token.text.endsWith(`/bin/${s.name}`));
    if (!script) return;
    const words: string[] = [];
    for (const next of tokens.slice(i + 1)) {
      if (/^(?:&&|\|\||[;|&\n])$/.test(next.text)) break;
      words.push(next.text);
    }
    out.push({ script, index: token.index, words });
  });
  return out;
}

/** a package's Python files read, at most, for what its console script runs */
export const MAX_CONSOLE_SCRIPT_FILES = 40;

/**
 * The Python files to read for the console scripts that `commandTexts` run: the files of the folder that holds the
 * entry point's module (`mwdb/cli/`: its __init__.py, the click group's module and the modules beside it), in
 * `listing`. A function imported from a folder not read is not followed.
 */
export function consoleScriptCodePaths(scripts: readonly ConsoleScript[], commandTexts: readonly string[], listing: readonly string[]): string[] {
  const run = new Set(commandTexts.flatMap((text) => consoleScriptRuns(text, scripts).map((r) => r.script)));
  const out = new Set<string>();
  for (const script of run) {
    const module = script.module.replace(/\./g, "/");
    const root = dirOf(script.path);
    const found = listing.find((p) => [`${module}.py`, `${module}/__init__.py`].some((m) => moduleMatches(p, m, root)));
    if (!found) continue;
    const folder = dirOf(found);
    for (const path of listing.filter((p) => p.endsWith(".py") && dirOf(p) === folder).slice(0, MAX_CONSOLE_SCRIPT_FILES)) out.add(path);
  }
  return [...out];
}

/** `path` is module file `m` of the package whose packaging file is in `root`, at its top or under `src/` */
export const moduleMatches = (path: string, m: string, root: string): boolean => [m, `src/${m}`].some((candidate) => path === (root ? `${root}/${candidate}` : candidate));

