import type { RevisionLink } from "./model.js";
import { revisionOrder } from "./revision-order.js";

interface Rev {
  path: string;
  link?: RevisionLink;
}
const rev = (path: string, id: string, after: string[] = [], branchLabels: string[] = []): Rev => ({ path, link: { id, after, branchLabels } });
const order = (revs: Rev[]) => revisionOrder(revs, (r) => r.link, (r) => r.path).map((r) => r.path);

describe("Alembic revision order", () => {
  it("follows down_revision when the file names sort against the chain", () => {
    expect(order([rev("a_third.py", "c3", ["b2"]), rev("b_first.py", "a1"), rev("c_second.py", "b2", ["a1"])])).toEqual(["b_first.py", "c_second.py", "a_third.py"]);
  });

  it("runs a merge (a tuple down_revision) after both branches, and the branches by path", () => {
    const revs = [rev("m_merge.py", "m9", ["x2", "y2"]), rev("z_base.py", "a1"), rev("y_two.py", "y2", ["a1"]), rev("x_two.py", "x2", ["a1"])];
    expect(order(revs)).toEqual(["z_base.py", "x_two.py", "y_two.py", "m_merge.py"]);
  });

  it("reads depends_on as a parent, and a branch label as the revision that carries it", () => {
    const revs = [rev("a_uses_label.py", "d4", ["auth"]), rev("b_auth.py", "c3", [], ["auth"]), rev("c_also.py", "e5", [], []), rev("d_dep.py", "f6", ["e5", "d4"])];
    expect(order(revs)).toEqual(["b_auth.py", "a_uses_label.py", "c_also.py", "d_dep.py"]);
  });

  it("keeps path order for revisions it cannot place: no identifiers, an unknown parent, a cycle", () => {
    expect(order([{ path: "b.py" }, rev("a.py", "a1", ["gone"]), rev("d.py", "d1", ["c1"]), rev("c.py", "c1", ["d1"])])).toEqual(["a.py", "b.py", "c.py", "d.py"]);
  });

  it("is the same whatever order the files come in", () => {
    const revs = [rev("z.py", "a1"), rev("y.py", "b2", ["a1"]), rev("x.py", "c3", ["a1"]), rev("w.py", "d4", ["b2", "c3"])];
    expect(order([...revs].reverse())).toEqual(order(revs));
    expect(order(revs)).toEqual(["z.py", "x.py", "y.py", "w.py"]);
  });
});
