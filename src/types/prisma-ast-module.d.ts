/**
 * @mrleebo/prisma-ast's ES module build. Its package main is a CommonJS file that requires chevrotain, an ES module
 * whose own packages export `import` only: tsx and Jest cannot load that chain, and esbuild would bundle both the
 * development and production builds. The ES build imports chevrotain as modules; its types are the package's.
 */
declare module "@mrleebo/prisma-ast/dist/prisma-ast.esm.js" {
  export * from "@mrleebo/prisma-ast";
}
