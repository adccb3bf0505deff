import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{parse}from"./chunk-E32RQJTY.js";var isDieselMetadataPath=path=>/(?:^|\/)metadata\.toml$/.test(path);function dieselRunsOutsideTransaction(content){try{return parse(content).run_in_transaction===!1}catch{return}}function splitDiesel(input){let transaction=input.noRunnerTransaction?"implicit":"wrapped";return{up:[{text:input.content,transaction}],down:input.downFile?{kind:"sql",segments:[{text:input.downFile.content,transaction}],path:input.downFile.path}:{kind:"missing",reason:"no down.sql beside the up.sql"},notes:[]}}export{isDieselMetadataPath,dieselRunsOutsideTransaction,splitDiesel};
