#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx northstar` works right after `npm ci`.
require('tsx/cjs');
require('../src/cli/main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
