/** Settings modules named for development or tests (or kept among tests and examples) say what developers run, not production. */
import { baseOf } from "../paths.js";

export const isDevelopmentSettingsPath = (path: string): boolean =>
  /(?:^|[_./])(dev|development|local|test|tests|testing|ci)(?:[_.]|$)/.test(baseOf(path).replace(/\.py$/, "")) ||
  /(?:^|\/)(tests?|testing|fixtures|examples?|docs|spec)\//.test(path);
