/**
 * Values that look like the eSIM domain, drawn from a seeded Faker. Each generator takes the Faker instance of the
 * body being built (never the global one), so the same seed gives the same values.
 *
 * Formats chosen (and checked by the *_FORMAT expressions below):
 * - ICCID: `89` + a country calling code + a 2-digit issuer + account digits + Luhn check digit; 19 or 20 digits.
 * - matching identifier (SGP.22 MatchingID): five groups of four upper-case letters/digits joined by `-`.
 * - SM-DP+ address: a host name under reserved names only (`*.example`, `*.example.com`, `*.test`, RFC 2606), so a
 *   generated address can never point at a real operator.
 * - GUIDs (group ids, assignment filter ids): random RFC 4122 version-4 GUIDs, lower case.
 * - Configuration Manager collection ids: 3-character site code + 5 upper-case hex digits (`PS10001A`, the shape of
 *   `SMS00001`); never the `SMS` site code of the built-in collections.
 * - UICCID (eUICC id, EID): 32 digits starting `89` with MOD 97-10 check digits.
 * - device names: `DESKTOP-` + 7 upper-case letters/digits (Windows' default naming); user names: UPNs at contoso.com.
 */
import type { Faker } from '@faker-js/faker';
import { eidCheckDigits, withLuhn } from './identifiers.js';

export const MATCHING_ID_FORMAT = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/;
/** Host-name syntax with a literal dot between labels (stricter than a pattern whose dot is unescaped). */
export const SMDP_HOST_FORMAT = /^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}$/;
export const GUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const COLLECTION_ID_FORMAT = /^[A-Z][A-Z0-9]{2}[0-9A-F]{5}$/;
export const DEVICE_NAME_FORMAT = /^DESKTOP-[A-Z0-9]{7}$/;
export const USER_NAME_FORMAT = /^[a-z0-9]+\.[a-z0-9]+@contoso\.com$/;

/** Country calling codes used in generated ICCIDs (US, UK, DE, FR, NL, AU, JP). */
const COUNTRY_CODES = ['1', '44', '49', '33', '31', '61', '81'];

export function iccid(faker: Faker, length: 19 | 20 = faker.helpers.arrayElement([19, 20] as const)): string {
  const head = `89${faker.helpers.arrayElement(COUNTRY_CODES)}${faker.string.numeric(2)}`;
  const payload = head + faker.string.numeric(length - 1 - head.length);
  return withLuhn(payload);
}

export function matchingIdentifier(faker: Faker): string {
  return Array.from({ length: 5 }, () => faker.string.alphanumeric({ length: 4, casing: 'upper' })).join('-');
}

/** One DNS label from free text: lower-case letters and digits, words joined by single hyphens. */
export function hostLabel(text: string, fallback = 'operator'): string {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const label = words.slice(0, 2).join('-').slice(0, 63).replace(/-+$/, '');
  return label || fallback;
}

export function smdpPlusServerAddress(faker: Faker): string {
  const operator = hostLabel(faker.company.name());
  switch (faker.number.int({ min: 0, max: 2 })) {
    case 0:
      return `smdp.${operator}.example`;
    case 1:
      return `rsp-${faker.number.int({ min: 1, max: 9 })}.${operator}.example.com`;
    default:
      return `smdp-plus.${operator}.test`;
  }
}

export function guid(faker: Faker): string {
  return faker.string.uuid();
}

export function configurationManagerCollectionId(faker: Faker): string {
  let site = '';
  do {
    site = faker.string.alpha({ length: 1, casing: 'upper' }) + faker.string.alphanumeric({ length: 2, casing: 'upper' });
  } while (site === 'SMS');
  return site + faker.string.hexadecimal({ length: 5, casing: 'upper', prefix: '' });
}

export function eid(faker: Faker): string {
  const prefix = `89${faker.string.numeric(28)}`;
  return prefix + eidCheckDigits(prefix);
}

export function deviceName(faker: Faker): string {
  return `DESKTOP-${faker.string.alphanumeric({ length: 7, casing: 'upper' })}`;
}

export function userPrincipalName(faker: Faker): string {
  const part = (s: string, fallback: string): string => (s.toLowerCase().match(/[a-z0-9]+/g) ?? []).join('') || fallback;
  const first = part(faker.person.firstName(), 'user');
  const last = part(faker.person.lastName(), 'contoso');
  const suffix = faker.datatype.boolean() ? String(faker.number.int({ min: 1, max: 99 })) : '';
  return `${first}.${last}${suffix}@contoso.com`;
}

/** The prefix live runs put on the names of what they create: `conformance-<runId>-`. */
export function runTag(runId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) {
    throw new Error(`runTag: run id ${JSON.stringify(runId)} must be letters, digits, '.', '_' or '-'`);
  }
  return `conformance-${runId}-`;
}

export function displayName(faker: Faker, tag = ''): string {
  const kind = faker.helpers.arrayElement(['eSIM pool', 'eSIM batch', 'eSIM profiles']);
  return `${tag}${faker.company.name()} ${kind} ${faker.string.alphanumeric({ length: 4, casing: 'upper' })}`;
}

export interface DomainContext {
  faker: Faker;
  /** Prefix for display names (see runTag); '' when none. */
  runTag: string;
}

/** Generators by property name. A property not listed gets a value from its schema alone. */
export const DOMAIN_VALUES: Readonly<Record<string, (ctx: DomainContext) => string>> = {
  integratedCircuitCardIdentifier: ({ faker }) => iccid(faker),
  matchingIdentifier: ({ faker }) => matchingIdentifier(faker),
  smdpPlusServerAddress: ({ faker }) => smdpPlusServerAddress(faker),
  universalIntegratedCircuitCardIdentifier: ({ faker }) => eid(faker),
  groupId: ({ faker }) => guid(faker),
  collectionId: ({ faker }) => configurationManagerCollectionId(faker),
  deviceAndAppManagementAssignmentFilterId: ({ faker }) => guid(faker),
  deviceName: ({ faker }) => deviceName(faker),
  userName: ({ faker }) => userPrincipalName(faker),
  displayName: ({ faker, runTag: tag }) => displayName(faker, tag),
  stateDetails: ({ faker }) => faker.lorem.sentence({ min: 3, max: 8 }),
};

/**
 * Properties the schema leaves optional but the domain does not: an activation code is its ICCID, matching id and
 * SM-DP+ address together; an assignment has a target; a group or collection target names its group or
 * collection. Always generated when
 * writable (never null), whatever the `optional` setting.
 */
export const DOMAIN_ESSENTIAL: ReadonlySet<string> = new Set([
  'integratedCircuitCardIdentifier',
  'matchingIdentifier',
  'smdpPlusServerAddress',
  'groupId',
  'collectionId',
  'target',
]);

/**
 * Makes a generated object consistent where the schema cannot say so; may only remove members the schema leaves
 * optional (`optional` tells which). An assignment filter id means nothing when the filter type is `none`.
 */
export function makeCoherent(obj: Record<string, unknown>, optional: (name: string) => boolean): void {
  const id = 'deviceAndAppManagementAssignmentFilterId';
  if (obj.deviceAndAppManagementAssignmentFilterType === 'none' && typeof obj[id] === 'string' && optional(id)) {
    delete obj[id];
  }
}

/** Item counts by array property name; other arrays get 1-3 items. */
export const ARRAY_LENGTHS: Readonly<Record<string, { min: number; max: number }>> = {
  activationCodes: { min: 1, max: 5 },
};
export const DEFAULT_ARRAY_LENGTH = { min: 1, max: 3 } as const;
