/** Keyword arguments of a Django field as written, read the way Python tests them. */
import { loadPythonParser } from "../../adapters/python/parser.js";
import { keywordTruthy } from "./python-call.js";

beforeAll(() => loadPythonParser());

describe("keywordTruthy", () => {
  it("holds for any non-empty string, 'False' too, as Django's `if self.unique:` does", () => {
    const def = "models.CharField(max_length=20, unique='True', null='False', db_index=0, primary_key=None, blank='')";
    expect(["unique", "null", "db_index", "primary_key", "blank"].map((key) => keywordTruthy(def, key))).toEqual([true, true, false, false, false]);
  });

  it("is unknown for a keyword not given or computed", () => {
    expect([keywordTruthy("models.CharField(max_length=20)", "unique"), keywordTruthy("models.CharField(unique=settings.UNIQUE)", "unique")]).toEqual([undefined, undefined]);
  });
});
