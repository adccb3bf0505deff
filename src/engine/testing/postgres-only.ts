/**
 * The words and syntax only PostgreSQL has (its SQL, its tools, and the Rails and Django APIs that exist only for
 * it): none may reach a MySQL or MariaDB migration's message or fix. Each entry is specific to PostgreSQL, so a
 * match is a PostgreSQL idea leaking into MySQL advice, never MySQL's own (`lock_wait_timeout`, `ALGORITHM=`).
 */
export const POSTGRES_ONLY: readonly { token: RegExp; why: string }[] = [
  { token: /\bCONCURRENTLY\b/, why: "CREATE/DROP INDEX CONCURRENTLY" },
  { token: /algorithm: :concurrently/, why: "Rails raises on MySQL: its index algorithms are default, copy, inplace, instant" },
  { token: /\b(?:Add|Remove)IndexConcurrently\b/, why: "django.contrib.postgres operations" },
  { token: /\b(?:AddConstraintNotValid|ValidateConstraint|CreateExtension)\b|django\.contrib\.postgres/, why: "django.contrib.postgres" },
  { token: /\bNOT VALID\b|\bVALIDATE CONSTRAINT\b/, why: "PostgreSQL's unvalidated constraints" },
  { token: /validate: false|\bvalidate_(?:foreign_key|check_constraint|constraint)\b/, why: "Rails' unvalidated constraints, PostgreSQL only" },
  { token: /disable_ddl_transaction!/, why: "mysql2 never wraps DDL in a transaction (supports_ddl_transactions? is false)" },
  { token: /\b(?:enable_extension|create_enum|add_enum_value|rename_enum_value)\b/, why: "Rails' PostgreSQL-only schema statements" },
  { token: /\block_timeout\b|\bstatement_timeout\b|\bidle_in_transaction_session_timeout\b/i, why: "PostgreSQL settings (MySQL's is lock_wait_timeout)" },
  { token: /\bSET LOCAL\b/, why: "PostgreSQL's transaction-scoped SET" },
  { token: /\bACCESS EXCLUSIVE\b|\bSHARE (?:UPDATE|ROW) EXCLUSIVE\b/, why: "PostgreSQL's lock modes" },
  { token: /\bAS TABLE\b|\bctid\b|\bIS DISTINCT FROM\b|\$\$|\bRAISE EXCEPTION\b|\bUSING INDEX\b/, why: "PostgreSQL-only SQL" },
  { token: /\bALTER COLUMN \S+ SET DEFAULT (?:now|CURRENT_DATE|CURRENT_TIMESTAMP|gen_random_uuid|uuid)\b/i, why: "MySQL's ALTER COLUMN SET DEFAULT takes a literal only (8.0.13+: an expression in parentheses); the current time goes in MODIFY" },
  { token: /\b(?:SET|DROP) NOT NULL\b|\bALTER COLUMN \S+ (?:SET DATA )?TYPE\b/, why: "PostgreSQL's ALTER COLUMN forms (MySQL: MODIFY)" },
  { token: /\bVACUUM\b|\bREINDEX\b|\bCREATE EXTENSION\b/, why: "PostgreSQL maintenance and extensions" },
  { token: /\bpg_dump\b|\bpg_catalog\b|\bpg_[a-z_]+\(/, why: "PostgreSQL's tools and catalog functions" },
  { token: /\bPostgres(?:QL)?\b/, why: "advice for another database" },
];

/** The first PostgreSQL-only token in `text`, with why it is one, or undefined. */
export function postgresOnlyToken(text: string): string | undefined {
  for (const { token, why } of POSTGRES_ONLY) {
    const match = text.match(token);
    if (match) return `${match[0]} (${why})`;
  }
  return undefined;
}
