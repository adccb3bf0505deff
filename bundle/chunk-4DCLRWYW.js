import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var prismaModelOf=(models,table)=>models.find(m=>m.table===table),selectedField=(model,column)=>model.ignored?void 0:model.fields.find(f=>f.column===column&&!f.relation&&!f.ignored),prismaDelegate=model=>model[0].toLowerCase()+model.slice(1);export{prismaModelOf,selectedField,prismaDelegate};
