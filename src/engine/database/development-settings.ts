/** Settings modules named for development or tests (or kept among tests and examples) say what developers run, not production. */
import { baseOf } from "../paths.js";

const moduleName = (path: string) => baseOf(path).replace(/\.py$/, "").toLowerCase();

/**
 * Settings for test runs and CI (DefectDojo's dojo/settings/unittests.py, test_settings.py, settings_test.py,
 * settings/ci.py, anything under tests/): SQLite there is a test convenience, never the production database.
 */
export const isTestSettingsPath = (path: string): boolean =>
  /^(?:unit_?)?test|(?:^|[_.-])(?:unit_?)?(?:tests?|testing|ci)(?:[_.-]|$)/.test(moduleName(path)) ||
  /(?:^|\/)(?:tests?|testing|unittests?|spec)\//.test(path);

export const isDevelopmentSettingsPath = (path: string): boolean =>
  isTestSettingsPath(path) ||
  /(?:^|[_./])(dev|development|local)(?:[_.]|$)/.test(moduleName(path)) ||
  /(?:^|\/)(fixtures|examples?|docs)\//.test(path);
