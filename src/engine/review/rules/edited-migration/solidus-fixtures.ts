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
/**
 * solidus's 20180322142651 (e1dadca330 removed its first `when`, whose body only read `credit_amount`): the remaining
 * credit replayed over each credit's events. `kept`: the branch that reads the amount and does nothing with it, or
 * what stands in its place; `otherwise`: an `else` branch; `adjustment`: the value of ADJUSTMENT_ACTION.
 */
export const railsStoreCreditEvents = (options: { kept?: string; otherwise?: string; adjustment?: string } = {}) => `class AddAmountRemainingToStoreCreditEvents < ActiveRecord::Migration[5.0]
  class StoreCredit < ActiveRecord::Base
    self.table_name = 'spree_store_credits'
    has_many :store_credit_events

    VOID_ACTION       = 'void'
    CREDIT_ACTION     = 'credit'
    CAPTURE_ACTION    = 'capture'
    ELIGIBLE_ACTION   = 'eligible'
    AUTHORIZE_ACTION  = 'authorize'
    ALLOCATION_ACTION = 'allocation'
    ADJUSTMENT_ACTION = '${options.adjustment ?? "adjustment"}'
  end

  def up
    add_column :spree_store_credit_events, :amount_remaining, :decimal, precision: 8, scale: 2, default: nil, null: true

    StoreCredit.includes(:store_credit_events).find_each do |credit|
      credit_amount = credit.amount

      credit.store_credit_events.order(:created_at).each do |event|
        case event.action
${options.kept ?? `        when StoreCredit::ALLOCATION_ACTION,
             StoreCredit::ELIGIBLE_ACTION,
             StoreCredit::CAPTURE_ACTION
          # These actions do not change the amount_remaining.
          credit_amount
`}        when StoreCredit::AUTHORIZE_ACTION
          credit_amount -= event.amount
        when StoreCredit::ADJUSTMENT_ACTION,
             StoreCredit::CREDIT_ACTION,
             StoreCredit::VOID_ACTION
          credit_amount += event.amount
${options.otherwise ?? ""}        end

        event.update_attribute(:amount_remaining, credit_amount)
      end
    end
  end

  def down
    remove_column :spree_store_credit_events, :amount_remaining
  end
end
`;
