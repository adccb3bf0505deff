/**
 * Which git tags name a release. Kept apart from releases.ts (a zod schema) so that lint, which asks this of every
 * tag when it dates migrations against releases (cli/pre-release.ts), loads no zod for one SQL file.
 */

/** A tag that names a version: an optional word prefix (`v`, `release-`, `version-`), then dotted numbers. */
const VERSION_TAG = /^(?:[A-Za-z][A-Za-z_-]*[-_/]?)?\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z.-]+)?$/;

export const isVersionTag = (tag: string): boolean => VERSION_TAG.test(tag);

/** The tag's word before its numbers (`benchclients-` of `benchclients-2023.4.13`), the release words (`v`, `release-`, `version-`) as none. */
function lineOf(tag: string): string {
  const word = /^([A-Za-z][A-Za-z_-]*?)[-_/]?(?=\d)/.exec(tag)?.[1]?.toLowerCase() ?? "";
  return /^(v|release|version|rel)$/.test(word) ? "" : word;
}

/**
 * The version tags name one product's releases: no two of them carry different words before their numbers. A monorepo
 * that tags its packages (conbench's `benchclients-2023.4.13` beside `benchalerts-2023.12.18`) says nothing about which
 * migrations the application's releases shipped.
 */
export function oneReleaseLine(tags: readonly string[]): boolean {
  return new Set(tags.filter(isVersionTag).map(lineOf)).size <= 1;
}

/** `v4.4.3` -> "4.4": the release line a patch release belongs to (undefined without two numbers). */
export function minorLineOf(tag: string): string | undefined {
  const numbers = versionOf(tag).numbers;
  return numbers.length >= 2 ? `${numbers[0]}.${numbers[1]}` : undefined;
}

/** `v1.2.10` -> [1, 2, 10], and whether a pre-release suffix (`-rc1`) follows. */
function versionOf(tag: string): { numbers: number[]; preRelease: boolean } {
  const match = /(\d+(?:\.\d+)+)([-+.]?)/.exec(tag);
  return { numbers: match ? match[1].split(".").map(Number) : [], preRelease: match?.[2] === "-" };
}

/** Higher versions first; a release before its own pre-releases (for `Array.prototype.sort`). */
export function byVersionDescending(a: string, b: string): number {
  const [x, y] = [versionOf(a), versionOf(b)];
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const d = (y.numbers[i] ?? -1) - (x.numbers[i] ?? -1);
    if (d !== 0) return d;
  }
  return Number(x.preRelease) - Number(y.preRelease);
}

/** A pre-release's tag (`v1.3.0-rc1`): cut anywhere, it says nothing of where releases are made. */
export const isPreRelease = (tag: string): boolean => versionOf(tag).preRelease;
