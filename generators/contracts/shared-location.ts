/**
 * Where ../shared is: the Graph docs, seeds and metadata beside the checkout. GRAPH_ESIM_SHARED overrides it.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SHARED_DIR = resolve(process.env.GRAPH_ESIM_SHARED ?? resolve(REPO_ROOT, '..', 'shared'));

export const sharedPresent = existsSync(resolve(SHARED_DIR, 'seeds')) && existsSync(resolve(SHARED_DIR, 'graph-docs'));

/** The doc inputs and metadata folder the checked-in contracts are generated from. */
export const DEFAULT_DOCS = [resolve(SHARED_DIR, 'seeds'), resolve(SHARED_DIR, 'graph-docs')];
export const DEFAULT_METADATA = resolve(SHARED_DIR, 'graph-metadata');
