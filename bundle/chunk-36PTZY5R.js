import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{parseStatements}from"./chunk-4NIGMXHY.js";var isCount=target=>{let call=target?.ResTarget?.val?.FuncCall,name=call?.funcname?.map(n=>n.String?.sval).join(".");return(name==="count"||name==="pg_catalog.count")&&(call.agg_star===!0||call.args?.length===1)&&!call.agg_filter&&!call.agg_distinct};function countedTable(sql){let{statements,errors}=parseStatements(sql);if(errors.length>0||statements.length!==1)return;let select=statements[0].stmt.SelectStmt;if(!select||select.op!=="SETOP_NONE"||select.whereClause||select.groupClause||select.havingClause||select.withClause||select.targetList?.length!==1||!isCount(select.targetList[0])||select.fromClause?.length!==1)return;let range=select.fromClause[0].RangeVar;if(range?.relname)return range.schemaname?`${range.schemaname}.${range.relname}`:range.relname}export{countedTable};
