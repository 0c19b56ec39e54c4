/** Every command, in the order `noisenet --help` lists them. */
import type { AnyCommand } from '../options.js';
import { train } from './train.js';
import { evaluate } from './evaluate.js';
import { compare } from './compare.js';
import { robustness } from './robustness.js';
import { certify } from './certify.js';
import { techniques } from './techniques.js';
import { exportCommand } from './export.js';

export const COMMANDS: readonly AnyCommand[] = [train, evaluate, compare, robustness, certify, techniques, exportCommand];
