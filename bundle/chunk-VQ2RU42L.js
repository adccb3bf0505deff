import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var ASSOCIATION_CALLS=["has_many","has_one","belongs_to","has_and_belongs_to_many"],TABLE_CALLS=new Set([...ASSOCIATION_CALLS,"joins","left_joins","left_outer_joins","includes","preload","eager_load","references","where","not","rewhere","merge","table_exists?","arel_table"]);export{ASSOCIATION_CALLS,TABLE_CALLS};
