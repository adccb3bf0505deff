/**
 * Which git tags name a release. Kept apart from releases.ts (a zod schema) so that lint, which asks this of every
 * tag when it dates migrations against releases (cli/pre-release.ts), loads no zod for one SQL file.
 */

/** A tag that names a version: an optional word prefix (`v`, `release-`, `version-`), then dotted numbers. */
const VERSION_TAG = /^(?:[A-Za-z][A-Za-z_-]*[-_/]?)?\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z.-]+)?$/;

export const isVersionTag = (tag: string): boolean => VERSION_TAG.test(tag);
