/** The trees an analysis keeps (rememberPythonTrees): read again from the cache, never freed while a reader holds one. */
import { loadPythonParser, rememberPythonTrees, withPythonTree } from "./parser.js";

beforeAll(() => loadPythonParser());

const names = (source: string) => withPythonTree(source, (root) => root.namedChildren.map((n) => n.text));

describe("rememberPythonTrees", () => {
  it("reads a kept module as a fresh parse does", () => {
    const source = "import os\nx = 1\n\ndef f(a):\n    return a\n";
    const fresh = names(source);
    const release = rememberPythonTrees();
    try {
      expect(names(source)).toEqual(fresh);
      expect(names(source)).toEqual(fresh); // the kept tree
    } finally {
      release();
    }
    expect(names(source)).toEqual(fresh);
  });

  it("keeps the tree a reader holds while nested reads of many other sources fill the cache", () => {
    const outer = "class Migration:\n    operations = [1, 2, 3]\n";
    const release = rememberPythonTrees();
    try {
      const seen = withPythonTree(outer, (root) => {
        // more distinct sources than the cache holds, each read inside the outer reader
        const inner = Array.from({ length: 40 }, (_, i) => names(`y${i} = ${i}\n`)[0]);
        return { inner, outer: root.text, first: root.namedChildren[0].type };
      });
      expect(seen.inner[39]).toBe("y39 = 39");
      expect(seen.outer).toBe(outer);
      expect(seen.first).toBe("class_definition");
      // and the outer module is still read correctly afterwards
      expect(names(outer)).toEqual([outer.trimEnd()]);
    } finally {
      release();
    }
  });

  it("frees a tree whose analysis ended while it was read, and reads it afresh after", () => {
    const source = "z = 3\n";
    const release = rememberPythonTrees();
    const text = withPythonTree(source, (root) => {
      release();
      return root.text;
    });
    expect(text).toBe(source);
    expect(names(source)).toEqual(["z = 3"]);
  });
});
