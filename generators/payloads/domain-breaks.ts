/**
 * Realistic ways to get an eSIM string wrong, by property name. Which of them the schema rejects is decided by
 * testing each against the schema's own pattern (invalid.ts), never assumed: a break the schema accepts (a bad Luhn
 * digit, which no regular expression checks; or whatever a loose pattern lets through) is reported as accepted by
 * the schema, not as an invalid body.
 */
import type { Faker } from '@faker-js/faker';
import { luhnCheckDigit, withLuhn } from './identifiers.js';

export interface StringBreak {
  /** Short id, unique per property, e.g. `too-short`. */
  id: string;
  value: string;
  description: string;
}

function iccidBreaks(valid: string, faker: Faker): StringBreak[] {
  const body = valid.slice(0, -1);
  const check = luhnCheckDigit(body);
  const middle = Math.floor(valid.length / 2);
  return [
    {
      id: 'too-short',
      value: withLuhn(`89${faker.string.numeric(15)}`),
      description: 'an ICCID of 18 digits (19 or 20 expected)',
    },
    {
      id: 'too-long',
      value: withLuhn(`89${faker.string.numeric(18)}`),
      description: 'an ICCID of 21 digits (19 or 20 expected)',
    },
    {
      id: 'hex-filler',
      value: `${valid.slice(0, middle)}F${valid.slice(middle + 1)}`,
      description: 'an ICCID with a BCD filler "F" among the digits',
    },
    {
      id: 'grouped',
      value: valid.replace(/(\d{4})(?=\d)/g, '$1 '),
      description: 'an ICCID printed in groups of four, with spaces',
    },
    { id: 'empty', value: '', description: 'an empty ICCID' },
    {
      id: 'bad-luhn',
      value: `${body}${(check + 1) % 10}`,
      description: 'an ICCID whose last digit is not the Luhn check digit',
    },
    {
      id: 'not-telecom',
      value: withLuhn(`98${body.slice(2)}`),
      description: 'an ICCID not starting with 89 (telecom), Luhn intact',
    },
  ];
}

function matchingIdBreaks(valid: string): StringBreak[] {
  return [
    { id: 'underscore', value: valid.replace(/-/g, '_'), description: 'a matching id with "_" between its groups' },
    {
      id: 'whole-activation-code',
      value: `LPA:1$smdp.example$${valid}`,
      description: 'a whole LPA activation code given as the matching id',
    },
    { id: 'space', value: valid.replace('-', ' '), description: 'a matching id with a space' },
  ];
}

function smdpBreaks(valid: string): StringBreak[] {
  const labels = valid.split('.');
  return [
    { id: 'no-dot', value: labels.join(''), description: 'an SM-DP+ address without a dot' },
    { id: 'with-scheme', value: `https://${valid}`, description: 'an SM-DP+ address given as a URL' },
    { id: 'with-port', value: `${valid}:443`, description: 'an SM-DP+ address with a port' },
    { id: 'trailing-dot', value: `${valid}.`, description: 'an SM-DP+ address ending with a dot' },
    { id: 'empty-label', value: labels.join('..'), description: 'an SM-DP+ address with an empty label ("..")' },
    {
      id: 'numeric-tld',
      value: `${labels.slice(0, -1).join('.')}.443`,
      description: 'an SM-DP+ address whose last label is numeric',
    },
    { id: 'underscore', value: valid.replace('.', '_'), description: 'an SM-DP+ address with "_" for its first dot' },
  ];
}

function genericBreaks(valid: string): StringBreak[] {
  return [
    { id: 'empty', value: '', description: 'an empty string' },
    { id: 'space', value: ' ', description: 'a single space' },
    { id: 'trailing-space', value: `${valid} `, description: 'the valid value with a trailing space' },
    { id: 'punctuation', value: `${valid}!#`, description: 'the valid value with punctuation appended' },
  ];
}

/** Candidate bad values for a string property with a pattern, given a valid value of it. */
export function stringBreaks(name: string, valid: string, faker: Faker): StringBreak[] {
  switch (name) {
    case 'integratedCircuitCardIdentifier':
      return iccidBreaks(valid, faker);
    case 'matchingIdentifier':
      return matchingIdBreaks(valid);
    case 'smdpPlusServerAddress':
      return smdpBreaks(valid);
    default:
      return genericBreaks(valid);
  }
}

/** Values that break a string format (checked by ajv-formats). */
export const FORMAT_BREAKS: Readonly<Record<string, StringBreak>> = {
  'date-time': { id: 'no-offset', value: '2024-08-01T12:00:00', description: 'a date-time without a time zone offset' },
  date: { id: 'no-such-day', value: '2024-02-30', description: 'a date that does not exist' },
  uuid: { id: 'not-a-guid', value: 'not-a-guid', description: 'a GUID that is not one' },
  uri: { id: 'relative', value: 'smdp example', description: 'a URI with a space and no scheme' },
  email: { id: 'no-at', value: 'user.contoso.com', description: 'an e-mail address without "@"' },
};
