/**
 * Payload generators: valid and invalid request bodies from contracts/, seeded and domain-shaped.
 * The runner imports from here; see generators/payloads/README.md for the rules they follow.
 */
export { DEFAULT_FAKER_SEED, FAKER_SEED_VARIABLE, REFERENCE_DATE, baseSeed, caseSeed, isSeed, seededFaker } from './seeds.js';
export { eidCheckDigits, isValidEid, isValidIccid, luhnCheckDigit, passesLuhn, withLuhn } from './identifiers.js';
export {
  COLLECTION_ID_FORMAT,
  DEVICE_NAME_FORMAT,
  GUID_FORMAT,
  MATCHING_ID_FORMAT,
  SMDP_HOST_FORMAT,
  USER_NAME_FORMAT,
  configurationManagerCollectionId,
  deviceName,
  displayName,
  eid,
  guid,
  iccid,
  matchingIdentifier,
  runTag,
  smdpPlusServerAddress,
  userPrincipalName,
} from './domain.js';
export { odataTypeValue, validBody } from './valid.js';
export type { ValidBodyOptions } from './valid.js';
export { invalidBodies, invalidSuite } from './invalid.js';
export type { InvalidBodiesOptions, InvalidCase, InvalidRule, InvalidSuite, SchemaAcceptedCase } from './invalid.js';
export { concreteTypes, operationsWithBodies, resolveBody } from './source.js';
export type { BodyTarget, ContractSource, ResolvedBody } from './source.js';
