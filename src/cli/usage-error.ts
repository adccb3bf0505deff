/** A mistake in how migguard was called: reported with the help text and exit status 2. */
export class UsageError extends Error {}

/** The command could not do its work (a database that does not answer, say): exit status 2, without the usage text. */
export class CommandFailure extends Error {}
