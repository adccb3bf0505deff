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
