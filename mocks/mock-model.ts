/**
 * Everything the mock derives from the contracts, once per handler set: one route per operation, the Graph type of
 * every collection, the facts of every type, what each action does, and the methods each path template allows.
 */
import type { LoadedContracts } from '../contracts/load.js';
import type { HttpMethod, OperationContract } from '../contracts/model.js';
import { collectionTemplate, parsePath, pathProblem, type Segment } from './routes.js';
import { typeFactsOf, type TypeFacts } from './type-facts.js';

export interface OperationRoute {
  op: OperationContract;
  segments: Segment[];
  /** For actions that replace a child collection of their entity: that collection's name (`assignments`). */
  replaces: string | null;
}

export interface MockModel {
  contracts: LoadedContracts;
  basePath: string;
  routes: OperationRoute[];
  /** Path template -> methods documented for it, for 405 answers (Allow header). */
  methodsByPath: Map<string, HttpMethod[]>;
  /** Graph type stored in a collection, by template path (`/a/{x}/b`). */
  collectionType(template: string): string | undefined;
  facts(typeName: string): TypeFacts;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An action replaces a child collection when its request body has an array property named like a collection under
 * the action's entity (`POST /pools/{id}/assign` with `{ "assignments": [...] }` replaces `/pools/{id}/assignments`).
 */
function replacedCollection(op: OperationContract, collections: Map<string, string>): string | null {
  const entityPath = op.path.slice(0, op.path.lastIndexOf('/'));
  const props = isRecord(op.request?.schema.properties) ? op.request.schema.properties : {};
  for (const [name, schema] of Object.entries(props)) {
    const isArray = isRecord(schema) && (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')));
    if (isArray && collections.has(`${entityPath}/${name}`)) return name;
  }
  return null;
}

export function buildMockModel(contracts: LoadedContracts, basePath: string): MockModel {
  if (!/^(\/[A-Za-z0-9._-]+)*$/.test(basePath)) {
    throw new Error(`Mock basePath "${basePath}" must be empty or look like "/beta" (no trailing slash).`);
  }
  const problems = contracts.operations
    .map((op) => ({ op, problem: pathProblem(op) }))
    .filter((p): p is { op: OperationContract; problem: string } => p.problem !== null);
  if (problems.length > 0) {
    throw new Error(
      `The mock cannot serve these operations (contracts in ${contracts.dir}/operations):\n` +
        problems.map((p) => `  ${p.op.id}.json: ${p.op.kind} ${p.op.method} ${p.op.path}: ${p.problem}`).join('\n') +
        '\nFix the operation file (kind or path), or regenerate the contracts with `npm run contracts:extract`.',
    );
  }

  const collections = new Map<string, string>();
  for (const op of contracts.operations) {
    const template = collectionTemplate(op);
    if (template !== null) collections.set(template, op.resource);
  }

  const factsCache = new Map<string, TypeFacts>();
  const facts = (typeName: string): TypeFacts => {
    let f = factsCache.get(typeName);
    if (!f) {
      f = typeFactsOf(typeName, contracts.schemas);
      factsCache.set(typeName, f);
    }
    return f;
  };

  const routes: OperationRoute[] = contracts.operations.map((op) => ({
    op,
    segments: parsePath(op.path),
    replaces: op.kind === 'action' ? replacedCollection(op, collections) : null,
  }));

  // Fail at startup, not on the first request, when a resource type has no schema.
  for (const type of new Set(collections.values())) facts(type);

  const methodsByPath = new Map<string, HttpMethod[]>();
  for (const op of contracts.operations) {
    const methods = methodsByPath.get(op.path) ?? [];
    if (!methods.includes(op.method)) methods.push(op.method);
    methodsByPath.set(op.path, methods);
  }

  return {
    contracts,
    basePath,
    routes,
    methodsByPath,
    collectionType: (template) => collections.get(template),
    facts,
  };
}
