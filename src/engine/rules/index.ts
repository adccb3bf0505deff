/**
 * The registry: the only list of rules. Adding a hazard is one file here plus its cases.
 */
import columnTypeChange from "./column-type-change/column-type-change.js";
import concurrentlyInTransaction from "./concurrently-in-transaction/concurrently-in-transaction.js";
import constraintWithoutNotValid from "./constraint-without-not-valid/constraint-without-not-valid.js";
import dmlWithoutWhere from "./dml-without-where/dml-without-where.js";
import downDoesNotRestore from "./down-does-not-restore/down-does-not-restore.js";
import downDoesNotUndoUp from "./down-does-not-undo-up/down-does-not-undo-up.js";
import dropColumn from "./drop-column/drop-column.js";
import dropDatabaseOrSchema from "./drop-database-or-schema/drop-database-or-schema.js";
import dropMissingColumn from "./drop-missing-column/drop-missing-column.js";
import dropIndexWithoutConcurrently from "./drop-index-without-concurrently/drop-index-without-concurrently.js";
import dropIndexBehindForeignKey from "./drop-index-behind-foreign-key/drop-index-behind-foreign-key.js";
import dropNotNull from "./drop-not-null/drop-not-null.js";
import dropTable from "./drop-table/drop-table.js";
import duplicatesInProduction from "./duplicates-in-production/duplicates-in-production.js";
import emptyDown from "./empty-down/empty-down.js";
import enumValueInTransaction from "./enum-value-in-transaction/enum-value-in-transaction.js";
import indexWithoutConcurrently from "./index-without-concurrently/index-without-concurrently.js";
import irreversibleMigration from "./irreversible-migration/irreversible-migration.js";
import jsonColumn from "./json-column/json-column.js";
import lockTable from "./lock-table/lock-table.js";
import missingDown from "./missing-down/missing-down.js";
import missingInProduction from "./missing-in-production/missing-in-production.js";
import mixedDdlDml from "./mixed-ddl-dml/mixed-ddl-dml.js";
import mysqlLockWaitTimeout from "./mysql-lock-wait-timeout/mysql-lock-wait-timeout.js";
import mysqlTableCopy from "./mysql-table-copy/mysql-table-copy.js";
import newCodeBeforeMigration from "./new-code-before-migration/new-code-before-migration.js";
import nullsInProduction from "./nulls-in-production/nulls-in-production.js";
import narrowingTypeChange from "./narrowing-type-change/narrowing-type-change.js";
import preferBigint from "./prefer-bigint/prefer-bigint.js";
import preferIdentity from "./prefer-identity/prefer-identity.js";
import preferRobustStatements from "./prefer-robust-statements/prefer-robust-statements.js";
import preferTextOverVarchar from "./prefer-text-over-varchar/prefer-text-over-varchar.js";
import preferTimestamptz from "./prefer-timestamptz/prefer-timestamptz.js";
import regulatedData from "./regulated-data/regulated-data.js";
import removeColumnInChange from "./remove-column-in-change/remove-column-in-change.js";
import removeColumnWithoutIgnoredColumns from "./remove-column-without-ignored-columns/remove-column-without-ignored-columns.js";
import renameColumn from "./rename-column/rename-column.js";
import renameEnumValue from "./rename-enum-value/rename-enum-value.js";
import renameTable from "./rename-table/rename-table.js";
import requireLockTimeout from "./require-lock-timeout/require-lock-timeout.js";
import requiredColumnWithoutDefault from "./required-column-without-default/required-column-without-default.js";
import runpythonModelImport from "./runpython-model-import/runpython-model-import.js";
import type { Rule } from "./support/rule.js";
import setNotNull from "./set-not-null/set-not-null.js";
import truncateTableRule from "./truncate-table/truncate-table.js";
import tableRewriteMaintenance from "./table-rewrite-maintenance/table-rewrite-maintenance.js";
import transactionNesting from "./transaction-nesting/transaction-nesting.js";
import uniqueColumnSharedDefault from "./unique-column-shared-default/unique-column-shared-default.js";
import uniqueConstraintWithoutIndex from "./unique-constraint-without-index/unique-constraint-without-index.js";
import unverifiedColumnChange from "./unverified-column-change/unverified-column-change.js";
import validateInSameTransaction from "./validate-in-same-transaction/validate-in-same-transaction.js";
import volatileDefault from "./volatile-default/volatile-default.js";

export const RULES: readonly Rule[] = [
  // irreversible
  missingDown,
  emptyDown,
  irreversibleMigration,
  downDoesNotRestore,
  downDoesNotUndoUp,
  // data loss
  dropTable,
  dropColumn,
  removeColumnInChange,
  truncateTableRule,
  dmlWithoutWhere,
  narrowingTypeChange,
  regulatedData,
  dropDatabaseOrSchema,
  // mixed
  mixedDdlDml,
  // locks
  indexWithoutConcurrently,
  dropIndexWithoutConcurrently,
  dropIndexBehindForeignKey,
  columnTypeChange,
  setNotNull,
  constraintWithoutNotValid,
  validateInSameTransaction,
  uniqueConstraintWithoutIndex,
  unverifiedColumnChange,
  volatileDefault,
  tableRewriteMaintenance,
  lockTable,
  requireLockTimeout,
  // locks on MySQL / MariaDB
  mysqlTableCopy,
  mysqlLockWaitTimeout,
  // breaking changes
  requiredColumnWithoutDefault,
  uniqueColumnSharedDefault,
  removeColumnWithoutIgnoredColumns,
  jsonColumn,
  renameColumn,
  renameTable,
  renameEnumValue,
  newCodeBeforeMigration,
  // what production's data and schema say (only with a snapshot)
  nullsInProduction,
  duplicatesInProduction,
  missingInProduction,
  // history
  runpythonModelImport,
  dropMissingColumn,
  // transactions
  concurrentlyInTransaction,
  enumValueInTransaction,
  transactionNesting,
  // style (opt-in)
  preferBigint,
  preferTimestamptz,
  preferIdentity,
  preferTextOverVarchar,
  dropNotNull,
  preferRobustStatements,
];
