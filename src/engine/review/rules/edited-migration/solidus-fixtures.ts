/**
 * Migrations of solidus (a Rails engine gem; an independent replay of issue #19) in the shapes its edits took, shared by
 * edited-migration's cases and the CLI and App tests that replay the same edits.
 */
/**
 * solidus's foreign-key migrations (424f28437d): an add_foreign_key whose rescue clause says how to clean orphans up
 * and raises again; the edit matched the error by class name, from a constant of literal strings, and `say`s it.
 */
export const railsRescued = (options: { byName: boolean; ending?: string; constant?: string }) => `class AddAddressbookForeignKey < ActiveRecord::Migration[7.0]
${options.byName ? `  ${options.constant ?? "FOREIGN_KEY_VIOLATION_ERRORS = %w[PG::ForeignKeyViolation Mysql2::Error SQLite3::ConstraintException]"}

` : ""}  def up
    add_foreign_key :spree_user_addresses, :spree_addresses, column: :address_id
  rescue ActiveRecord::StatementInvalid => e
    if ${options.byName ? "e.cause.class.name.in?(FOREIGN_KEY_VIOLATION_ERRORS)" : "e.cause.is_a?(PG::ForeignKeyViolation) || e.cause.is_a?(Mysql2::Error)"}
      ${options.byName ? "say" : "Rails.logger.warn"} "Foreign key constraint failed: remove the orphaned rows and rerun (#{e.cause.message})"
    end
    ${options.ending ?? "raise"}
  end

  def down
    remove_foreign_key :spree_user_addresses, :spree_addresses, column: :address_id
  end
end
`;
/** solidus's 20161014221052: SQL of adjacent string literals, `"a "\` (before standardrb) or `"a " \` (after). */
export const railsJoinedSql = (join: string) => `class AddAvailableToUsers < ActiveRecord::Migration[5.0]
  def up
    add_column(:spree_payment_methods, :available_to_users, :boolean, default: true)
    execute("UPDATE spree_payment_methods "${join}
            "SET available_to_users=#{quoted_false} "${join}
            "WHERE NOT (display_on='front_end' OR display_on IS NULL)")
  end

  def down
    remove_column(:spree_payment_methods, :available_to_users)
  end
end
`;
/** solidus's 20250129061658: metadata columns added to each table of a list, spree_users among them or not. */
export const railsMetadata = (tables: string) => `class AddMetadataToSpreeResources < ActiveRecord::Migration[7.2]
  def change
    %i[${tables}].each do |table_name|
      change_table table_name do |t|
        t.jsonb(:customer_metadata, default: {}) unless t.column_exists?(:customer_metadata)
      end
    end
  end
end
`;
/** solidus's 20250221152004: the same column added to the users table where missing, named (`table`) or computed at run time. */
export const railsMetadataUsers = (table: string) => `class AddMetadataToUsers < ActiveRecord::Migration[7.0]
  def change
    change_table ${table} do |t|
      t.jsonb(:customer_metadata, default: {}) unless t.column_exists?(:customer_metadata)
    end
  end
end
`;
