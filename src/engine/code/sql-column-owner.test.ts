import { loadPgQuery } from "../adapters/sql/pg-query.js";
import { tableColumnRefs } from "./sql-column-owner.js";
import { loadJavaColumnParser } from "./java-syntax.js";
import { javaColumnUsages } from "./java-column-uses.js";

beforeAll(() => Promise.all([loadPgQuery(), loadJavaColumnParser()]));

/** the text at each reference found */
const at = (text: string, table: string, columns: string[]) => tableColumnRefs(text, table, columns)?.map((r) => `${/^[\w.]+/.exec(text.slice(r.at))?.[0]}${r.ambiguous ? " (ambiguous)" : ""}`);

describe("whose column a reference in SQL text is", () => {
  const dhis2 = `select te.uid as te_uid, teav.created, teav.storedby, teav.value
from trackedentityattributevalue teav
join trackedentity te on teav.trackedentityid = te.trackedentityid
where teav.trackedentityid in (:ids)`;

  it("a qualified column is the table its alias stands for: teav.storedby is trackedentityattributevalue's, not the joined trackedentity's", () => {
    expect(at(dhis2, "trackedentity", ["storedby"])).toEqual([]);
    expect(at(dhis2, "trackedentityattributevalue", ["storedby"])).toEqual(["teav.storedby"]);
  });

  it("an unqualified column is the table's when the statement reads it, ambiguous beside other tables", () => {
    expect(at("select storedby from trackedentity where uid = ?", "trackedentity", ["storedby"])).toEqual(["storedby"]);
    expect(at("select storedby from trackedentity te join program p on p.id = te.programid", "trackedentity", ["storedby"])).toEqual(["storedby (ambiguous)"]);
    expect(at("select storedby from event", "trackedentity", ["storedby"])).toEqual([]);
    // an output name reads nothing
    expect(at("select te.creator as storedby from trackedentity te", "trackedentity", ["storedby"])).toEqual([]);
  });

  it("the table's own name qualifies it, and a subquery's alias is its own scope", () => {
    expect(at("select trackedentity.storedby from trackedentity", "trackedentity", ["storedby"])).toEqual(["trackedentity.storedby"]);
    expect(at("select x.storedby from (select storedby from event) x join trackedentity t on t.id = x.id", "trackedentity", ["storedby"])).toEqual([]);
    expect(at("select 1 from event e where exists (select 1 from trackedentity t where t.storedby = e.storedby)", "trackedentity", ["storedby"])).toEqual(["t.storedby"]);
  });

  it("UPDATE's SET targets and INSERT's column list are the target table's", () => {
    expect(at("update trackedentity set storedby = :user where uid = :uid", "trackedentity", ["storedby"])).toEqual(["storedby"]);
    expect(at("insert into trackedentity (uid, storedby) values (?, ?)", "trackedentity", ["storedby"])).toEqual(["storedby"]);
    expect(at("insert into event (uid, storedby) select uid, storedby from trackedentity", "trackedentity", ["storedby"])).toEqual(["storedby"]);
  });

  it("a fragment the parser refuses is read with the scanner, from its own FROM and JOIN words", () => {
    const fragment = "from trackedentityattributevalue teav join trackedentity te on te.id = teav.teid where teav.storedby = %s and ";
    expect(at(fragment, "trackedentity", ["storedby"])).toEqual([]);
    expect(at("from trackedentity te where te.storedby = %s and ", "trackedentity", ["storedby"])).toEqual(["te.storedby"]);
    // an alias another piece defines is not this table
    expect(at("from trackedentity te where x.storedby = %s and ", "trackedentity", ["storedby"])).toEqual([]);
  });
});

describe("Java SQL strings through the aliases", () => {
  const store = {
    path: "src/main/java/x/TrackedEntityStore.java",
    content: `package x;

class TrackedEntityStore {
  private static final String GET_ATTRIBUTES =
      """
      select te.uid as te_uid, teav.created, teav.storedby, teav.value
      from trackedentityattributevalue teav
      join trackedentity te on teav.trackedentityid = te.trackedentityid
      where teav.trackedentityid in (:ids)""";

  private static final String GET_TE = "select te.uid, te.storedby from trackedentity te where te.id in (:ids)";
}
`,
  };
  it("teav.storedby beside a join of trackedentity is not trackedentity.storedby; te.storedby is", () => {
    expect(javaColumnUsages([store], [store], "trackedentity", ["storedby"]).map((u) => u.line)).toEqual([11]);
    expect(javaColumnUsages([store], [store], "trackedentityattributevalue", ["storedby"]).map((u) => u.line)).toEqual([6]);
  });
});
