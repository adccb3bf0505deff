import { analyze } from "./analyze.js";

const squash = (replaces: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    replaces = ${replaces}

    operations = [
        migrations.AddField(model_name="order", name="email", field=models.EmailField(max_length=254, null=True, db_index=True)),
    ]
`;

describe("Django squashed migrations", () => {
  it("turn their findings into notes that say why", async () => {
    const { findings } = await analyze({ files: [{ path: "shop/migrations/0002_squashed_0003.py", content: squash('[("shop", "0002_a"), ("shop", "0003_b")]') }] });
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect(index.severity).toBe("info");
    expect(index.message).toContain("a squashed migration: it runs only on a database that applied none of the 2 migrations it replaces");
  });

  it("leave an ordinary migration's findings alone", async () => {
    const { findings } = await analyze({ files: [{ path: "shop/migrations/0002_email.py", content: squash("[]") }] });
    expect(findings.find((f) => f.rule === "index-without-concurrently")?.severity).toBe("error");
  });
});
