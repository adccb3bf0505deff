import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var SINCE={identityColumns:10,executeFunction:11,fastColumnDefaults:11,commitInDoBlock:11,coveringIndexes:11,reindexConcurrently:12,generatedColumns:12,addEnumValueInTransaction:12,detachPartitionConcurrently:14,nullsNotDistinct:15,genRandomUuid:13,inputIsValid:16,virtualGeneratedColumns:18},hasSyntax=(version,syntax)=>version>=SINCE[syntax],syntaxSince=syntax=>SINCE[syntax],triggerExecutes=version=>hasSyntax(version,"executeFunction")?"EXECUTE FUNCTION":"EXECUTE PROCEDURE";function postgresMajor(version){let match=/^(\d+)/.exec(version?.trim()??"");if(!match)return;let major=Number(match[1]);return major>=7&&major<=99?major:void 0}export{hasSyntax,syntaxSince,triggerExecutes,postgresMajor};
