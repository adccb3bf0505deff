/**
 * Django apps only test settings install (allegro/ralph's `ralph.tests`, in INSTALLED_APPS of settings/test.py
 * alone): `migrate` runs their migrations on the test database the test runner builds, never on a database a
 * deployment runs, so what they would lock or break is no production hazard. A settings module is a test one
 * by its name (test.py, tests.py, testing.py, settings_test.py) or its package (tests/settings.py).
 */
import type { ReportedFinding } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { isTestFolder } from "../code/test-paths.js";
import type { InstalledAppsReading } from "./django-installed-apps.js";

const TEST_WORDS = new Set(["test", "tests", "testing"]);

/** A settings module the test runner uses: named test/tests/testing (alone or as a word of its name), or under a tests package. */
export function isTestSettings(path: string): boolean {
  const words = baseOf(path).replace(/\.py$/, "").split(/[_.-]/);
  return words.some((w) => TEST_WORDS.has(w.toLowerCase())) || isTestFolder(dirOf(path));
}

/**
 * The test settings modules that install the app of `migrationsFolder` when no other settings module may, some
 * other one builds INSTALLED_APPS (a reusable app's repository has only its tests' settings, yet its migrations
 * run wherever a project installs it) and every other one was read whole (a value known only at run time may be
 * this app); undefined otherwise. `installs`: whether an INSTALLED_APPS entry may be the app (mayInstallApp).
 */
export function testOnlySettings(
  migrationsFolder: string,
  settings: ReadonlyArray<{ path: string; reading: InstalledAppsReading }>,
  installs: (entry: string, appFolder: string) => boolean,
): string[] | undefined {
  if (baseOf(migrationsFolder) !== "migrations") return undefined;
  const appFolder = dirOf(migrationsFolder);
  const installing = settings.filter((s) => s.reading.apps.some((app) => installs(app.entry, appFolder))).map((s) => s.path);
  if (installing.length === 0 || !installing.every(isTestSettings)) return undefined;
  const production = settings.filter((s) => !isTestSettings(s.path));
  if (!production.some((s) => s.reading.apps.length > 0) || production.some((s) => !s.reading.exact)) return undefined;
  return installing;
}

/** A finding on a migration of an app only test settings install, as a note that says why. */
export function asTestAppNote(finding: ReportedFinding, app: { label?: string; testOnly: readonly string[] }): ReportedFinding {
  if (finding.severity === "info") return finding;
  const label = app.label ? `the app ${app.label}` : "its app";
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} (a note: ${label} is in INSTALLED_APPS only in test settings (${app.testOnly.join(", ")}), so Django runs this migration on the test database alone, never in production)`,
  };
}
