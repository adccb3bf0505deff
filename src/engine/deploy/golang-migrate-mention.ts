/**
 * Whether a deploy text may run golang-migrate's CLI (golang-migrate-cli.ts): it names `migrate` and a source flag.
 * Apart from that reader, so the check costs no parser: a text without these words is never parsed, and a deploy
 * file with them loads the shell reader first (deploy-readers.ts).
 */
export const mayRunGolangMigrate = (text: string): boolean => text.includes("migrate") && (text.includes("-path") || text.includes("-source"));
