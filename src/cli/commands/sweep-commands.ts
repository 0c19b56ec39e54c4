/** The sweep commands: `noisenet sweep` and `noisenet worker`. */
export { sweep } from './sweep.js';
export { worker } from './worker.js';
