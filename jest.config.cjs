// ESM + TypeScript through swc; probot 14 is ESM-only, so jest runs with --experimental-vm-modules.
module.exports = {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "es6" } }],
  },
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  // generous: the first App or CLI run of a file starts PGlite (seconds on an idle machine, far more on a busy one)
  testTimeout: 120000,
  // each run's temporary folders under one root, removed when the run ends
  globalSetup: "<rootDir>/test/support/temp-root-setup.cjs",
  globalTeardown: "<rootDir>/test/support/temp-root-teardown.cjs",
  // stops the shared test database a file may have started
  setupFilesAfterEnv: ["<rootDir>/test/support/close-executor.ts"],
};
