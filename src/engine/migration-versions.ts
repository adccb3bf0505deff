/**
 * Migration versions as runners order them: Rails/dbmate/Prisma timestamps, golang-migrate/goose integers,
 * Flyway's dotted versions (1.10 > 1.9, and 1.0 is the same version as 1), Django's per-app numbers.
 */

const segmentsOf = (version: string): string[] => {
  const parts = version.split(/[._-]/).filter((p) => p !== "");
  // Flyway: trailing zero segments do not make a different version (1.0 == 1)
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1])) parts.pop();
  return parts;
};

const compareSegment = (a: string, b: string): number => {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Negative when `a` runs before `b`, 0 when they are the same version. */
export function compareVersions(a: string, b: string): number {
  const x = segmentsOf(a);
  const y = segmentsOf(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = compareSegment(x[i] ?? "0", y[i] ?? "0");
    if (c !== 0) return c;
  }
  return 0;
}

/** The same version in the runner's eyes (Flyway: `1_1` == `1.1` == `1.1.0`). */
export const versionKey = (version: string): string => segmentsOf(version).map((s) => (/^\d+$/.test(s) ? BigInt(s).toString() : s)).join(".");

/** Newest of some versions, or undefined. */
export function newestVersion(versions: Iterable<string>): string | undefined {
  let newest: string | undefined;
  for (const v of versions) if (newest === undefined || compareVersions(v, newest) > 0) newest = v;
  return newest;
}
