/**
 * Which body an operation takes, from the loaded contracts; shared by the valid and invalid generators.
 */
import { loadContracts } from '../../contracts/load.js';
import type { LoadedContracts } from '../../contracts/load.js';
import type { BodySpec } from '../../contracts/model.js';
import { bodyShape, concreteVariants } from './shape.js';
import type { Shape } from './shape.js';

/** What the generators need from the contracts (a LoadedContracts fits; tests may pass a smaller fixture). */
export type ContractSource = Pick<LoadedContracts, 'schemas' | 'operation' | 'operations'>;

/** An operation id, or a body spec given directly (its schema may `$ref` the contract schemas). */
export type BodyTarget = string | BodySpec;

export interface ResolvedBody {
  /** The operation id, or `body spec <type>` for a spec given directly. */
  label: string;
  spec: BodySpec;
  shape: Shape;
}

/** Operation ids that document a request body. */
export function operationsWithBodies(contracts: ContractSource = loadContracts()): string[] {
  return contracts.operations.filter((o) => o.request !== null).map((o) => o.id);
}

export function resolveBody(target: BodyTarget, contracts: ContractSource = loadContracts()): ResolvedBody {
  if (typeof target !== 'string') {
    const label = `body spec ${target.type}`;
    return { label, spec: target, shape: bodyShape(target, contracts.schemas, label) };
  }
  const op = contracts.operation(target);
  if (!op.request) {
    throw new Error(
      `Operation ${target} (${op.method}) documents no request body, so there is nothing to generate. ` +
        `Operations with a body: ${operationsWithBodies(contracts).join(', ')}`,
    );
  }
  const where = `operations/${target}.json#/request/schema`;
  return { label: target, spec: op.request, shape: bodyShape(op.request, contracts.schemas, where, target) };
}

/** The concrete types the body's polymorphic values can take (e.g. every assignment-target type). */
export function concreteTypes(target: BodyTarget, contracts: ContractSource = loadContracts()): string[] {
  return concreteVariants(resolveBody(target, contracts).shape);
}
