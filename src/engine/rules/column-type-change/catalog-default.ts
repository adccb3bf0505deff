/**
 * The old column's default where the migrations do not show it (a table created outside them, or a key the
 * framework declares with a default of its own: Rails' `id: :uuid` gets gen_random_uuid(), SQLAlchemy's Integer
 * primary key a serial). DROP COLUMN takes the default, and the sequence the column owns, with it; so the swap reads
 * them from the catalog and gives them to the new column first: the default converted as ALTER TYPE converts it (of an
 * enum the migration creates, the value through text: no cast joins two enums), the
 * sequence owned by the new column (and widened to bigint with it). An identity column has no default, and its
 * sequence cannot change owner: the new column is made an identity of the same kind (ALWAYS or BY DEFAULT) that goes
 * on where the old one's sequence stopped (its increment and bounds are PostgreSQL's defaults). Before PostgreSQL 10
 * there are no identity columns (nor pg_attribute.attidentity to read) and every sequence is bigint: neither is written.
 */
import { ident, sqlString } from "../support/fix.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

export function catalogDefaultSql(table: string, column: string, tmp: string, type: string, postgresVersion: number, throughText: boolean): string {
  // regclass and pg_get_serial_sequence read the table's name as SQL does: quoted, or "Step" would be step
  const [t, regclass] = [ident(table), `${sqlString(ident(table))}::regclass`];
  const identity = hasSyntax(postgresVersion, "identityColumns");
  return [
    `-- ${column}'s default and sequence${identity ? ", or its identity," : ""} if any (the migrations do not show them), given to ${tmp} before DROP COLUMN takes them`,
    `DO $$`,
    `DECLARE`,
    `  old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum`,
    `                       WHERE d.adrelid = ${regclass} AND a.attname = ${sqlString(column)});`,
    `  owned text := pg_get_serial_sequence(${sqlString(t)}, ${sqlString(column)});`,
    ...(identity ? [`  old_identity "char" := (SELECT attidentity FROM pg_attribute WHERE attrelid = ${regclass} AND attname = ${sqlString(column)});`] : []),
    ...(throughText ? [`  old_value text;`] : []),
    `BEGIN`,
    ...(identity
      ? [
          `  IF old_identity IN ('a', 'd') THEN`,
          `    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', ${sqlString(t)}, ${sqlString(tmp)});`,
          `    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY', ${sqlString(t)}, ${sqlString(tmp)}, CASE old_identity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END);`,
          `    EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', pg_get_serial_sequence(${sqlString(t)}, ${sqlString(tmp)}), owned);`,
          `  END IF;`,
        ]
      : []),
    `  IF owned IS NOT NULL AND old_default IS NOT NULL THEN`,
    `    EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned, ${sqlString(t)}, ${sqlString(tmp)});`,
    ...(type === "bigint" && identity ? [`    EXECUTE format('ALTER SEQUENCE %s AS bigint', owned);`] : []),
    `  END IF;`,
    `  IF old_default IS NOT NULL THEN`,
    // an enum's default names the old type (a cast to it): its value is carried instead, or DROP TYPE of the old one fails
    ...(throughText
      ? [
          `    EXECUTE format('SELECT (%s)::text', old_default) INTO old_value;`,
          `    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %L::${type.replace(/'/g, "''")}', ${sqlString(t)}, ${sqlString(tmp)}, old_value);`,
        ]
      : [`    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::${type.replace(/'/g, "''")}', ${sqlString(t)}, ${sqlString(tmp)}, old_default);`]),
    `  END IF;`,
    `END $$;`,
  ].join("\n");
}
