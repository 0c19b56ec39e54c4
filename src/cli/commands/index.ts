/** Every command, in the order `noisenet --help` lists them. */
import type { AnyCommand } from '../options.js';
import { train } from './train.js';
import { evaluate } from './evaluate.js';
import { techniques } from './techniques.js';

export const COMMANDS: readonly AnyCommand[] = [train, evaluate, techniques];
