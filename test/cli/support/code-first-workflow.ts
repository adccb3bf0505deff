/**
 * manage.get.gov's deploy workflow, trimmed: `cf push --strategy rolling` puts the new code live, and only the next
 * step runs `python manage.py migrate`, a code-before-migrate deploy (src/engine/deploy/code-first.ts).
 */
export const CODE_FIRST_WORKFLOW = [
  "name: Build and deploy stable",
  "on:",
  "  push:",
  "    tags: [v*]",
  "jobs:",
  "  deploy-stable:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: actions/checkout@v5",
  "      - name: Deploy to cloud.gov",
  "        uses: cloud-gov/cg-cli-tools@main",
  "        with:",
  "          cf_space: stable",
  "          cf_command: >-",
  "            push -f ops/manifests/manifest-stable.yaml",
  "            --strategy rolling",
  "      - name: Run Django migrations",
  "        uses: cloud-gov/cg-cli-tools@main",
  "        with:",
  "          cf_space: stable",
  "          cf_command: \"run-task getgov-stable --command 'python manage.py migrate' --name migrate\"",
  "",
].join("\n");
