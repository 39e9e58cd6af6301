/**
 * How many stateful sequences a run makes and how long they are, from the environment. The defaults keep a live
 * run small: 2 sequences of 16 steps asking for at most 4 objects each (8 in all; every one deleted at the end).
 * Bad values are errors naming the variable, what it takes and the default.
 */
import { SettingsError } from '../settings.js';
import { wholeNumberSetting } from '../../lib/env-number.js';

export interface StatefulSettings {
  /** STATEFUL_SEQUENCES: sequences per run (0 turns them off). */
  sequences: number;
  /** STATEFUL_STEPS: steps per sequence. */
  steps: number;
  /** STATEFUL_OBJECTS: objects one sequence may ask the service to make. */
  maxObjects: number;
}

export const STATEFUL_DEFAULTS: StatefulSettings = { sequences: 2, steps: 16, maxObjects: 4 };

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, what: string): number {
  return wholeNumberSetting(env, name, def, { min, max }, what, (m) => new SettingsError(m));
}

export function readStatefulSettings(env: NodeJS.ProcessEnv = process.env): StatefulSettings {
  return {
    sequences: int(env, 'STATEFUL_SEQUENCES', STATEFUL_DEFAULTS.sequences, 0, 1000, 'stateful sequences per run'),
    steps: int(env, 'STATEFUL_STEPS', STATEFUL_DEFAULTS.steps, 1, 1000, 'steps per stateful sequence'),
    maxObjects: int(env, 'STATEFUL_OBJECTS', STATEFUL_DEFAULTS.maxObjects, 0, 1000, 'objects one stateful sequence may make'),
  };
}
