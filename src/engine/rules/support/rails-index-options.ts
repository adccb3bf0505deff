/**
 * The options an index's creating add_index gave beyond its columns, unique: and where:, as a Rails fix that builds
 * it again writes them: those written as literals (order: { created_at: :desc }) repeated as Ruby, the others (a
 * value computed at run time) named unknown, so the fix says the definition is unknown rather than build a wrong one.
 */
import type { IndexShape } from "../../repository/index-history.js";

export interface RailsIndexOptions {
  /** `key: value` as Ruby, in the order the creation gave them */
  written: string[];
  /** the options it gave that migguard could not read (`order`) */
  unknown: string[];
}

export function railsIndexOptions(shape: IndexShape | undefined): RailsIndexOptions {
  const unread = shape?.unreadOptions ?? [];
  const ruby = shape?.optionsRuby ?? {};
  return {
    written: unread.filter((key) => key in ruby).map((key) => `${key}: ${ruby[key]}`),
    unknown: unread.filter((key) => !(key in ruby)),
  };
}
