import { runAll } from './runner/run-all.js';
