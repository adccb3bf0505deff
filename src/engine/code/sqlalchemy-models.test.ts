import { loadPythonParser } from "../adapters/python/parser.js";
import { nameKey } from "../rules/support/facts.js";
import { SqlAlchemyModelIndex } from "./sqlalchemy-models.js";

beforeAll(() => loadPythonParser());

const lastName = (table: string) => nameKey(table).split(".").pop() ?? table;

describe("SqlAlchemyModelIndex: the models of the files, each parsed only when a question may concern it", () => {
  const files = [
    { path: "app/mixins.py", content: "class Timestamped:\n    created = Column(DateTime)\n    legacy_flag = Column(Boolean)\n" },
    { path: "app/users.py", content: 'class User(db.Model, mixins.Timestamped):\n    __tablename__ = "Users"\n    id = Column(Integer)\n    nick: Mapped[str] = mapped_column("nick_name")\n' },
    { path: "app/legacy.py", content: "audit = Table('audit.Log', metadata, Column('who', String))\n" },
    // a later class of the same name is the one a base names
    { path: "app/override.py", content: "class TimeStamped:\n    updated = Column(DateTime)\n" },
    { path: "app/broken.py", content: 'class Broken(:\n    __tablename__ = "broken"\n    x = Column(Integer)\n' },
    { path: "app/quoted.py", content: "class Odd(Base):\n    __tablename__ = 'od\"d'\n    y = Column(Integer)\n" },
  ];
  const index = new SqlAlchemyModelIndex(files, lastName);

  it("finds a declarative class by its table in any case, and its columns by attribute and explicit name", () => {
    const [user] = index.mapping("public.users").classes;
    expect(user.className).toBe("User");
    expect(index.declaresColumn(user, "nick")).toBe(true);
    expect(index.declaresColumn(user, "nick_name")).toBe(true);
    expect(index.declaresColumn(user, "email")).toBe(false);
  });

  it("follows bases to the last class of that name (case-insensitive), not an earlier one", () => {
    const [user] = index.mapping("users").classes;
    expect(index.declaresColumn(user, "updated")).toBe(true);
    expect(index.declaresColumn(user, "legacy_flag")).toBe(false);
  });

  it("finds a Table() call by the last part of its name, and not a file with a syntax error", () => {
    expect([...index.mapping("log").tables]).toEqual([["audit.Log", new Set(["who"])]]);
    expect(index.mapping("broken").classes).toEqual([]);
    expect(index.mapping("nothing").tables.size).toBe(0);
  });

  it("a table whose written name holds double quotes is found by the name without them (as nameKey compares)", () => {
    expect(index.mapping("odd").classes.map((c) => c.className)).toEqual(["Odd"]);
  });
});
