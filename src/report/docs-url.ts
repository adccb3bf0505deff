/** Where a rule's page lives: `${docs_url}/${rule}.md`, defaulting to the docs folder of migguard's repository. */
export const DEFAULT_DOCS_URL = "https://github.com/migguard/migguard/blob/main/docs/rules";

export const ruleDocsUrl = (rule: string, base: string | undefined = DEFAULT_DOCS_URL): string => `${base.replace(/\/$/, "")}/${rule}.md`;
