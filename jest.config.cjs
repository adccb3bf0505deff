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
  // Files run one after another in a worker process that is replaced once it holds more than this after a file:
  // in the main process (Jest's choice for one worker) the ES module registries of 200 files piled up past
  // Node's 4 GB heap and the run died (CI, 2026-12-05). Setting a limit is what makes Jest use the worker.
  workerIdleMemoryLimit: "1536MB",
  // each run's temporary folders under one root, removed when the run ends
  globalSetup: "<rootDir>/test/support/temp-root-setup.cjs",
  globalTeardown: "<rootDir>/test/support/temp-root-teardown.cjs",
  // stops the shared test database a file may have started
  setupFilesAfterEnv: ["<rootDir>/test/support/close-executor.ts"],
};
