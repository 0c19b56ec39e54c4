/**
 * Preloaded by `npm test` (`node --test --import`): test files that build models on the default
 * backend get the one Node users get, the wasm backend with worker threads.
 */
import { useNodePlatform } from '../kernels/node/platform.js';

useNodePlatform();
