/**
 * Test and spec files: code a test run executes and production never does. A dropped column they still name
 * fails the project's own test run before the merge, not production after the deploy; their local names
 * (RSpec's `let(:start_date)`) are not the column (sixth replay: 2 of Lago's false findings); and rows they
 * create are no inserts of the deployed code (deployed-inserts.ts).
 */
const TEST_DIRS = new Set(["spec", "specs", "test", "tests", "__tests__", "testing", "e2e", "cypress", "playwright"]);
const TEST_FILES = /(?:_spec\.rb|_test\.rb|_test\.go|_test\.py|\.(?:test|spec)\.[cm]?[jt]sx?)$|(?:^|\/)(?:test_[^/]*\.py|tests\.py|conftest\.py)$/;
/** A folder (its path, `/`-separated) every file under which is a test file: one of its folders is a test folder. */
export const isTestFolder = (folder: string): boolean => folder.split("/").some((segment) => TEST_DIRS.has(segment));
export const isTestPath = (path: string): boolean => TEST_FILES.test(path) || isTestFolder(path.slice(0, Math.max(0, path.lastIndexOf("/"))));
