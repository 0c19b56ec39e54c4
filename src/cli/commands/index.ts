/** Every command, in the order `noisenet --help` lists them. */
import type { AnyCommand } from '../options.js';
import { train } from './train.js';
import { evaluate } from './evaluate.js';
import { predict } from './predict.js';
import { compare } from './compare.js';
import { robustness } from './robustness.js';
import { certify } from './certify.js';
import { corrupt } from './corrupt.js';
import { techniques } from './techniques.js';
import { exportCommand } from './export.js';
import { playground } from './playground.js';
import { sweep, worker } from './sweep-commands.js';

export const COMMANDS: readonly AnyCommand[] = [train, evaluate, predict, compare, robustness, certify, corrupt, techniques, exportCommand, playground, sweep, worker];
