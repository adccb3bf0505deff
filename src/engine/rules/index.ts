/**
 * The registry: the only list of rules. Adding a hazard is one file here plus its cases.
 */
import columnTypeChange from "./column-type-change.js";
import concurrentlyInTransaction from "./concurrently-in-transaction.js";
import constraintWithoutNotValid from "./constraint-without-not-valid.js";
import dmlWithoutWhere from "./dml-without-where.js";
import downDoesNotRestore from "./down-does-not-restore.js";
import downDoesNotUndoUp from "./down-does-not-undo-up.js";
import dropColumn from "./drop-column.js";
import dropDatabaseOrSchema from "./drop-database-or-schema.js";
import dropIndexWithoutConcurrently from "./drop-index-without-concurrently.js";
import dropNotNull from "./drop-not-null.js";
import dropTable from "./drop-table.js";
import emptyDown from "./empty-down.js";
import enumValueInTransaction from "./enum-value-in-transaction.js";
import indexWithoutConcurrently from "./index-without-concurrently.js";
import irreversibleMigration from "./irreversible-migration.js";
import jsonColumn from "./json-column.js";
import lockTable from "./lock-table.js";
import missingDown from "./missing-down.js";
import mixedDdlDml from "./mixed-ddl-dml.js";
import narrowingTypeChange from "./narrowing-type-change.js";
import preferBigint from "./prefer-bigint.js";
import preferIdentity from "./prefer-identity.js";
import preferRobustStatements from "./prefer-robust-statements.js";
import preferTextOverVarchar from "./prefer-text-over-varchar.js";
import preferTimestamptz from "./prefer-timestamptz.js";
import regulatedData from "./regulated-data.js";
import removeColumnInChange from "./remove-column-in-change.js";
import removeColumnWithoutIgnoredColumns from "./remove-column-without-ignored-columns.js";
import renameColumn from "./rename-column.js";
import renameEnumValue from "./rename-enum-value.js";
import renameTable from "./rename-table.js";
import requireLockTimeout from "./require-lock-timeout.js";
import requiredColumnWithoutDefault from "./required-column-without-default.js";
import runpythonModelImport from "./runpython-model-import.js";
import type { Rule } from "./rule.js";
import setNotNull from "./set-not-null.js";
import truncateTableRule from "./truncate-table.js";
import tableRewriteMaintenance from "./table-rewrite-maintenance.js";
import transactionNesting from "./transaction-nesting.js";
import uniqueColumnSharedDefault from "./unique-column-shared-default.js";
import uniqueConstraintWithoutIndex from "./unique-constraint-without-index.js";
import unverifiedColumnChange from "./unverified-column-change.js";
import validateInSameTransaction from "./validate-in-same-transaction.js";
import volatileDefault from "./volatile-default.js";

export const RULES: readonly Rule[] = [
  // irreversible
  missingDown,
  emptyDown,
  irreversibleMigration,
  downDoesNotRestore,
  downDoesNotUndoUp,
  removeColumnInChange,
  // data loss
  dropTable,
  dropColumn,
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
  // breaking changes
  requiredColumnWithoutDefault,
  uniqueColumnSharedDefault,
  removeColumnWithoutIgnoredColumns,
  jsonColumn,
  renameColumn,
  renameTable,
  renameEnumValue,
  // history
  runpythonModelImport,
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
