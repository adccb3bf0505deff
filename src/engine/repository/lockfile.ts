/**
 * The gems a Gemfile.lock resolves, read as the lockfile format it is (indented `name (version)` spec lines and
 * the DEPENDENCIES list): the lockfile also knows gems pulled in by other gems.
 */
import { escapeRegExp } from "../regexp.js";

/** The gems a Gemfile.lock (or gems.locked) resolves: its specs and its DEPENDENCIES. */
export function lockfileGems(content: string): Set<string> {
  const gems = new Set<string>();
  let section = "";
  for (const line of content.split(/\r?\n/)) {
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      continue;
    }
    // specs of a source (GEM, GIT, PATH) are indented four spaces; DEPENDENCIES entries two
    const depth = line.length - line.trimStart().length;
    const name = line.trim().split(/[\s(!]/)[0];
    if (!name) continue;
    if ((section === "DEPENDENCIES" && depth === 2) || (section !== "DEPENDENCIES" && depth === 4 && line.trim().includes("("))) gems.add(name);
  }
  return gems;
}

/** The version a Gemfile.lock resolves `gem` to (its spec line `    gem (x.y.z)`), if it lists it. */
export function lockfileVersion(content: string, gem: string): string | undefined {
  const re = new RegExp(`^ {4}${escapeRegExp(gem)} \\(([\\d.]+)[^)]*\\)`, "m");
  return re.exec(content)?.[1];
}
