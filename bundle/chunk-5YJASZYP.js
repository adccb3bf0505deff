import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var CONFIG_DEFAULTS={rules:{},paths:{sql:[],rails:[],django:[],alembic:[],exclude:[]},conclusion_on_error:"failure",conclusion_on_unanalysed:"failure",execute:!0,review_comments:"error",sensitive:[],schema_dumps:[],flyway_out_of_order:!1,max_file_bytes:1e6,max_code_files:5e4,max_code_bytes:2e8,small_table:{rows:1e4,mb:10},young_table:{days:60},throughput:{scan_mb_per_s:100,rewrite_mb_per_s:30,index_mb_per_s:30},deploy:"auto",drift_ignore:[],baseline:{}};export{CONFIG_DEFAULTS};
