/**
 * Findings the engine itself raises (not from a rule module over the model): they have ids, categories
 * and docs like every rule, so config can change their severity and `migguard explain` can show them.
 */
import type { RuleMeta } from "./rules/support/rule.js";

export const SYNTAX_ERROR: RuleMeta = {
  id: "syntax-error",
  category: "syntax",
  severity: "error",
  title: "The migration does not parse",
  why: "The file is not valid in its language (checked with PostgreSQL's, Ruby's or Python's own grammar): it would fail at deploy time, and nothing after the error can be checked.",
};

export const TOO_COMPLEX: RuleMeta = {
  id: "too-complex",
  category: "syntax",
  severity: "error",
  title: "The migration is nested too deeply to check",
  why: "No hand-written migration nests hundreds of levels deep, but a generated or hostile one can, and a parser that runs out of stack would otherwise leave its operations unchecked. migguard reports the file (or the statement) instead of passing it unread, and checks the other files as usual.",
};

export const HIDDEN_OPERATION: RuleMeta = {
  id: "hidden-operation",
  category: "syntax",
  severity: "warning",
  title: "An operation hidden from static checks",
  why: "A migration method called through send, public_send or a method object, Ruby or Python source run with eval or exec, an operation looked up with getattr, or SQL assembled at run time: a reviewer reading the diff cannot see what runs, and migguard cannot check it. When the method is named literally migguard still checks it, and says it is hidden.",
};

export const INVALID_CONFIG: RuleMeta = {
  id: "invalid-config",
  category: "config",
  severity: "error",
  title: "The migguard config is invalid",
  why: "A key of .github/migguard.yml is unknown or has a wrong value; that key falls back to its default so the review still runs.",
};

export const WAIVER_WITHOUT_REASON: RuleMeta = {
  id: "waiver-without-reason",
  category: "config",
  severity: "warning",
  title: "A waiver must say why",
  why: "`migguard:ignore RULE` silences a hazard; reviewers and auditors need the reason next to it. A waiver without a reason does not apply.",
};

export const UNSUPPORTED_DATABASE: RuleMeta = {
  id: "unsupported-database",
  category: "syntax",
  severity: "info",
  title: "The migration runs on a database migguard does not review",
  why: "pop and popx keep one file per database (`x.cockroach.up.sql` beside `x.postgres.up.sql`). CockroachDB has its own grammar and changes schemas online, so PostgreSQL's syntax and lock rules would report what is not there and miss what is. migguard says which files it did not check rather than passing them unread; the other databases' files are checked as usual. A Django app whose database routers (DATABASE_ROUTERS, their allow_migrate read from the code) migrate it on none of the aliases DATABASES names is said once, on its first migration, with the router's path and line. So is an app no settings module puts in INSTALLED_APPS (read whole: a list built from what only running tells leaves it installed): Django never loads its migrations, so what they would drop or lock is never dropped or locked.",
};

export const ENGINE_RULES: readonly RuleMeta[] = [SYNTAX_ERROR, TOO_COMPLEX, HIDDEN_OPERATION, INVALID_CONFIG, WAIVER_WITHOUT_REASON, UNSUPPORTED_DATABASE];
