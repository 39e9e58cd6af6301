/**
 * Domain values of the payload generators: check digits (Luhn for ICCIDs, MOD 97-10 for EIDs), the formats of
 * every generated identifier, the contract's own patterns, and reproducibility per seed.
 */
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../contracts/load.js';
import {
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
  hostLabel,
  iccid,
  matchingIdentifier,
  runTag,
  smdpPlusServerAddress,
  userPrincipalName,
} from '../../generators/payloads/domain.js';
import { eidCheckDigits, isValidEid, isValidIccid, luhnCheckDigit, passesLuhn, withLuhn } from '../../generators/payloads/identifiers.js';
import { seededFaker } from '../../generators/payloads/seeds.js';

/** The pattern the contract gives an activation-code property (so the test follows the contract, not a copy). */
function contractPattern(property: string): RegExp {
  const schema = loadContracts().schemas.get('embeddedSIMActivationCode');
  const base = (schema?.$defs as Record<string, { properties: Record<string, { pattern?: string }> }> | undefined)?.base;
  const pattern = base?.properties[property]?.pattern;
  if (!pattern) throw new Error(`contracts: embeddedSIMActivationCode.${property} has no pattern`);
  return new RegExp(pattern, 'u');
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i);

test.describe('Luhn and ICCIDs', () => {
  test('luhnCheckDigit gives the published check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the classic example
    expect(luhnCheckDigit('411111111111111')).toBe(1); // the well-known test card 4111 1111 1111 1111
    expect(luhnCheckDigit('0')).toBe(0);
    expect(luhnCheckDigit('1')).toBe(8);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });

  test('luhnCheckDigit refuses anything but digits, saying what it got', () => {
    expect(() => luhnCheckDigit('')).toThrow(/expected one or more decimal digits, got ""/);
    expect(() => luhnCheckDigit('89 01')).toThrow(/"89 01"/);
  });

  test('isValidIccid: 19 or 20 digits, 89 first, Luhn last', () => {
    const nineteen = withLuhn('891004234814455936');
    const twenty = withLuhn('8944500102198304826');
    expect(nineteen).toHaveLength(19);
    expect(twenty).toHaveLength(20);
    expect(isValidIccid(nineteen)).toBe(true);
    expect(isValidIccid(twenty)).toBe(true);
    const wrongDigit = `${twenty.slice(0, -1)}${(Number(twenty.slice(-1)) + 1) % 10}`;
    expect(isValidIccid(wrongDigit)).toBe(false);
    expect(isValidIccid(withLuhn('89100423481445593'))).toBe(false); // 18 digits
    expect(isValidIccid(withLuhn('89445001021983048261'))).toBe(false); // 21 digits
    expect(isValidIccid(withLuhn('981004234814455936'))).toBe(false); // not 89
    expect(isValidIccid(`${nineteen.slice(0, 5)}F${nineteen.slice(6)}`)).toBe(false);
  });

  test('generated ICCIDs: valid, both lengths, several countries, and the contract pattern accepts them', () => {
    const pattern = contractPattern('integratedCircuitCardIdentifier');
    const lengths = new Set<number>();
    const countries = new Set<string>();
    for (const seed of SEEDS) {
      const value = iccid(seededFaker(seed));
      expect(isValidIccid(value), value).toBe(true);
      expect(value).toMatch(pattern);
      expect(value).toMatch(/^[0-9]{19}[0-9]?$/);
      lengths.add(value.length);
      countries.add(value.slice(2, 4));
    }
    expect([...lengths].sort()).toEqual([19, 20]);
    expect(countries.size).toBeGreaterThan(3);
  });
});

test.describe('EIDs (UICCIDs)', () => {
  test('the GSMA sample EID passes MOD 97-10 and its check digits are recomputed', () => {
    const sample = '89049032123451234512345678901235';
    expect(isValidEid(sample)).toBe(true);
    expect(eidCheckDigits(sample.slice(0, 30))).toBe('35');
    expect(isValidEid('89049032123451234512345678901234')).toBe(false);
    expect(() => eidCheckDigits('123')).toThrow(/exactly 30 decimal digits/);
  });

  test('generated EIDs are valid', () => {
    for (const seed of SEEDS) expect(isValidEid(eid(seededFaker(seed)))).toBe(true);
  });
});

test.describe('other identifiers', () => {
  test('matching identifiers: five groups of four, accepted by the contract pattern', () => {
    const pattern = contractPattern('matchingIdentifier');
    for (const seed of SEEDS) {
      const value = matchingIdentifier(seededFaker(seed));
      expect(value).toMatch(MATCHING_ID_FORMAT);
      expect(value).toMatch(pattern);
    }
  });

  test('SM-DP+ addresses: host names under reserved names only, accepted by the contract pattern', () => {
    const pattern = contractPattern('smdpPlusServerAddress');
    const shapes = new Set<string>();
    for (const seed of SEEDS) {
      const value = smdpPlusServerAddress(seededFaker(seed));
      expect(value).toMatch(SMDP_HOST_FORMAT);
      expect(value).toMatch(pattern);
      expect(value).toMatch(/\.(example|example\.com|test)$/);
      shapes.add(value.split('.')[0]?.replace(/[0-9]/g, '') ?? '');
    }
    expect([...shapes].sort()).toEqual(['rsp-', 'smdp', 'smdp-plus']);
  });

  test('hostLabel turns free text into one DNS label', () => {
    expect(hostLabel('Cartwright - Vandervort')).toBe('cartwright-vandervort');
    expect(hostLabel("O'Keefe, Bins and Ward")).toBe('o-keefe');
    expect(hostLabel('---')).toBe('operator');
  });

  test('GUIDs, collection ids, device names and user names have their formats', () => {
    for (const seed of SEEDS) {
      const faker = seededFaker(seed);
      expect(guid(faker)).toMatch(GUID_FORMAT);
      const collection = configurationManagerCollectionId(faker);
      expect(collection).toMatch(COLLECTION_ID_FORMAT);
      expect(collection.startsWith('SMS')).toBe(false);
      expect(deviceName(faker)).toMatch(DEVICE_NAME_FORMAT);
      expect(userPrincipalName(faker)).toMatch(USER_NAME_FORMAT);
    }
  });

  test('display names carry the run tag in front', () => {
    const tag = runTag('20240801-42');
    expect(tag).toBe('conformance-20240801-42-');
    expect(displayName(seededFaker(1), tag).startsWith(tag)).toBe(true);
    expect(displayName(seededFaker(1)).startsWith('conformance-')).toBe(false);
    expect(() => runTag('has space')).toThrow(/run id "has space"/);
  });
});

test.describe('reproducibility', () => {
  const draw = (seed: number): string[] => {
    const faker = seededFaker(seed);
    return [
      iccid(faker),
      matchingIdentifier(faker),
      smdpPlusServerAddress(faker),
      guid(faker),
      configurationManagerCollectionId(faker),
      eid(faker),
      deviceName(faker),
      userPrincipalName(faker),
      displayName(faker),
    ];
  };

  test('the same seed gives the same values; another seed gives others', () => {
    expect(draw(7)).toEqual(draw(7));
    const other = draw(8);
    draw(7).forEach((v, i) => expect(v).not.toBe(other[i]));
  });
});
