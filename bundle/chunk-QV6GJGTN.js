import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var dirOf=path=>path.includes("/")?path.slice(0,path.lastIndexOf("/")):"",baseOf=path=>path.slice(path.lastIndexOf("/")+1),folderPrefix=path=>path.includes("/")?path.slice(0,path.lastIndexOf("/")+1):"";function djangoAppOf(path){let parts=path.split("/");return parts[parts.length-3]??""}export{dirOf,baseOf,folderPrefix,djangoAppOf};
