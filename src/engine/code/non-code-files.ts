/**
 * Files the usage search reads that cannot be evidence that code reads a column: data and prose (YAML, JSON, TOML,
 * XML, CSV, Markdown), and whatever sits in a folder of test data (`fixtures/`, Go's `testdata/`, which `go build`
 * skips). A word there is a key of a pipeline definition, a value of a fixture, a sentence of a guide: concourse's
 * `version:` keys of fly's YAML fixtures are no reader of resource_types.version. Code in the project's languages is
 * what runs against the table.
 */
const DATA_EXTENSIONS = /\.(?:ya?ml|json|toml|xml|csv|tsv|md|markdown|rst|adoc)$/i;
const TEST_DATA_DIRS = new Set(["fixtures", "fixture", "testdata", "test_data", "test-data"]);

export function isNonCodeFile(path: string): boolean {
  if (DATA_EXTENSIONS.test(path)) return true;
  return path.split("/").slice(0, -1).some((dir) => TEST_DATA_DIRS.has(dir));
}
