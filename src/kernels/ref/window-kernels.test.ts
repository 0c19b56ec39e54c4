import { runWindowConformance } from '../../testing/conformance/index.js';
import { createRefBackend } from './ref-backend.js';

runWindowConformance('ref', () => createRefBackend('float32'));
runWindowConformance('ref64', () => createRefBackend('float64'));
