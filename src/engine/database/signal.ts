/** What one repository file says about the database, and how much that is worth. */
import type { Database } from "../model.js";

export interface DatabaseSignal {
  database: Database;
  /** the file that says it */
  path: string;
  /** for verbose output and the check summary: "production adapter mysql2" */
  says: string;
  /**
   * `config`: the framework's own connection settings (database.yml production/default, Django settings, Alembic url);
   * `fallback`: a weaker reading of them (a sample database.yml, an ERB default, a development settings module);
   * `project`: what the project installs and documents (a driver in its requirements, a URL in its install guide or
   * a sample config), when the framework's settings say nothing;
   * `syntax`: dialect-only syntax in the migrations themselves.
   */
  strength: "config" | "fallback" | "project" | "syntax";
  /**
   * a settings module for test runs or CI (unittests.py, settings/test.py, tests/settings.py): it decides only when
   * nothing else, production settings computed at run time included, speaks for the database
   */
  forTests?: boolean;
}

/** A file that names no database (ERB hides the adapter, an engine read from the environment): said, so users know why. */
export interface DatabaseSilence {
  path: string;
  why: string;
  /** Alembic's env.py computes the URL at run time (Quay's app config): alembic.ini's URL is a placeholder */
  overridesIni?: boolean;
}

export type SignalReading = DatabaseSignal | DatabaseSilence | undefined;

export const isSignal = (reading: SignalReading): reading is DatabaseSignal => reading !== undefined && "database" in reading;
