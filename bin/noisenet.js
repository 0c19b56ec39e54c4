#!/usr/bin/env node
// The noisenet command line; the code lives in src/cli (compiled to dist/cli by `npm run build`).
import { run } from '../dist/cli/main.js';

await run();
