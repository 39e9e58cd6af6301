/**
 * Cases for the OData query checks: query_select, query_top, query_filter, query_orderby, query_count and
 * paging_complete. Pages of a walk carry step `page`; the earlier pages are the check's ctx.prior.
 */
import type { Exchange } from '../../../checks/types.js';
import { buildExchange, IDS, pool, T0, T1, T2, TARGET } from '../exchange-builder.js';
import type { CheckCases } from './case-types.js';

const POOLS_URL = `${TARGET.baseUrl}/deviceManagement/embeddedSIMActivationCodePools`;
const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An item of a pool list (no @odata.context inside collections). */
function item(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { '@odata.context': _context, ...rest } = pool({ id: ID(n), displayName: `Pool ${n}`, ...overrides });
  return rest;
}

function listPage(query: string, value: Record<string, unknown>[], extra: Record<string, unknown> = {}, step?: string): Exchange {
  return buildExchange('listEmbeddedSIMActivationCodePools', {
    ...(step ? { step } : {}),
    request: { url: `${POOLS_URL}${query}` },
    response: {
      status: 200,
      body: { '@odata.context': `${TARGET.baseUrl}/$metadata#deviceManagement/embeddedSIMActivationCodePools`, ...extra, value },
    },
  });
}

const page = (query: string, value: Record<string, unknown>[], extra: Record<string, unknown> = {}): Exchange =>
  listPage(query, value, extra, 'page');
const next = (token: string): string => `${POOLS_URL}?$top=2&$count=true&$skiptoken=${token}`;

// A conformant walk of 5 pools in pages of 2, and the two ways a walk goes wrong.
const p1 = page('?$top=2&$count=true', [item(1), item(2)], { '@odata.count': 5, '@odata.nextLink': next('t1') });
const p2 = page('?$top=2&$count=true&$skiptoken=t1', [item(3), item(4)], { '@odata.count': 5, '@odata.nextLink': next('t2') });
const p3 = page('?$top=2&$count=true&$skiptoken=t2', [item(5)], { '@odata.count': 5 });
const p2Repeat = page('?$top=2&$count=true&$skiptoken=t1', [item(2), item(3)], { '@odata.count': 5, '@odata.nextLink': next('t2') });
const p3AfterRepeat = page('?$top=2&$count=true&$skiptoken=t2', [item(4), item(5)], { '@odata.count': 5 });
const p2Drop = page('?$top=2&$count=true&$skiptoken=t1', [item(3)], { '@odata.count': 5, '@odata.nextLink': next('t2') });

const getSelect = (body: Record<string, unknown>): Exchange =>
  buildExchange('getEmbeddedSIMActivationCodePool', {
    request: { url: `${POOLS_URL}/${IDS.pool}?$select=displayName,activationCodeCount` },
    response: { status: 200, body },
  });
const selectedOnly = {
  '@odata.context': `${TARGET.baseUrl}/$metadata#deviceManagement/embeddedSIMActivationCodePools(displayName,activationCodeCount)/$entity`,
  '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool',
  displayName: 'Pool A',
  activationCodeCount: 2,
};

export const QUERY_CASES: CheckCases = {
  query_select: {
    fires: [
      {
        title: 'a get that ignores $select (every property comes back)',
        exchange: getSelect(pool()),
        findings: [
          { pointer: '/id', stableKey: 'unselected:id' },
          { pointer: '/createdDateTime', stableKey: 'unselected:createdDateTime' },
          { pointer: '/modifiedDateTime', stableKey: 'unselected:modifiedDateTime' },
        ],
      },
      {
        title: 'a list whose item lacks the selected displayName',
        exchange: listPage('?$select=displayName', [{ '@odata.type': '#microsoft.graph.embeddedSIMActivationCodePool' }]),
        findings: [{ pointer: '/value/0/displayName', stableKey: 'selected-missing:displayName' }],
      },
    ],
    quiet: [
      { title: 'a get with only the selected properties and annotations', exchange: getSelect(selectedOnly) },
      {
        title: 'a get without $select (every property)',
        exchange: buildExchange('getEmbeddedSIMActivationCodePool', { response: { status: 200, body: pool() } }),
      },
      {
        title: "a later page whose nextLink dropped $select but whose items keep to the walk's selection",
        exchange: page('?$skiptoken=t1', [{ displayName: 'Pool 3' }]),
        prior: [page('?$select=displayName', [{ displayName: 'Pool 1' }], { '@odata.nextLink': `${POOLS_URL}?$skiptoken=t1` })],
      },
    ],
  },
  query_top: {
    fires: [
      {
        title: 'a list that ignores $top=2',
        exchange: listPage('?$top=2', [item(1), item(2), item(3)]),
        findings: [{ pointer: '/value', stableKey: 'over-top' }],
      },
    ],
    quiet: [
      { title: 'two items for $top=2', exchange: listPage('?$top=2', [item(1), item(2)]) },
      { title: 'fewer items than $top', exchange: listPage('?$top=5', [item(1)]) },
    ],
  },
  query_filter: {
    fires: [
      {
        title: 'an item that does not match startswith',
        exchange: listPage(`?$filter=${encodeURIComponent("startswith(displayName,'Pool')")}`, [
          item(1),
          item(2, { displayName: 'Other' }),
        ]),
        findings: [{ pointer: '/value/1/displayName', stableKey: 'not-matching' }],
      },
      {
        title: 'a list that ignores eq',
        exchange: listPage(`?$filter=${encodeURIComponent("displayName eq 'Pool 1'")}`, [item(1), item(2)]),
        findings: [{ pointer: '/value/1/displayName', stableKey: 'not-matching' }],
      },
    ],
    quiet: [
      {
        title: 'every item matches eq (in another letter case)',
        exchange: listPage(`?$filter=${encodeURIComponent("displayName eq 'POOL 1'")}`, [item(1)]),
      },
      {
        title: 'every item matches startswith',
        exchange: listPage(`?$filter=${encodeURIComponent("startswith(displayName,'pool')")}`, [item(1), item(2)]),
      },
      {
        title: 'an expression the check does not judge',
        exchange: listPage(`?$filter=${encodeURIComponent("displayName gt 'a'")}`, [item(1)]),
      },
    ],
  },
  query_orderby: {
    fires: [
      {
        title: 'displayName desc answered ascending',
        exchange: listPage('?$orderby=displayName%20desc', [item(1), item(2)]),
        findings: [{ pointer: '/value/1/displayName', stableKey: 'out-of-order:desc' }],
      },
      {
        title: 'a second page that starts before the end of the first (createdDateTime asc)',
        exchange: page('?$orderby=createdDateTime&$skiptoken=t1', [item(3, { createdDateTime: T0 })]),
        prior: [
          page('?$orderby=createdDateTime', [item(1, { createdDateTime: T1 }), item(2, { createdDateTime: T2 })], {
            '@odata.nextLink': `${POOLS_URL}?$orderby=createdDateTime&$skiptoken=t1`,
          }),
        ],
        findings: [{ pointer: '/value/0/createdDateTime', stableKey: 'out-of-order:asc' }],
      },
    ],
    quiet: [
      { title: 'ascending by displayName', exchange: listPage('?$orderby=displayName', [item(1), item(2), item(3)]) },
      {
        title: 'descending, without regard to letter case',
        exchange: listPage('?$orderby=displayName%20desc', [item(1, { displayName: 'bravo' }), item(2, { displayName: 'Alpha' })]),
      },
      {
        title: 'timestamps ascending across offsets',
        exchange: listPage('?$orderby=createdDateTime asc', [
          item(1, { createdDateTime: '2025-07-01T12:00:00+02:00' }),
          item(2, { createdDateTime: T1 }),
        ]),
      },
    ],
  },
  query_count: {
    fires: [
      {
        title: '$count=true without @odata.count',
        exchange: listPage('?$count=true', [item(1)]),
        findings: [{ pointer: '/@odata.count', stableKey: 'absent' }],
      },
      {
        title: '@odata.count smaller than the items shown',
        exchange: listPage('?$count=true', [item(1), item(2)], { '@odata.count': 1 }),
        findings: [{ pointer: '/@odata.count', stableKey: 'below-seen' }],
      },
      {
        title: '@odata.count as a string',
        exchange: listPage('?$count=true', [item(1)], { '@odata.count': '1' }),
        findings: [{ pointer: '/@odata.count', stableKey: 'not-integer' }],
      },
      {
        title: '@odata.count that changes between pages',
        exchange: page('?$top=2&$count=true&$skiptoken=t1', [item(3), item(4)], { '@odata.count': 6 }),
        prior: [p1],
        findings: [{ pointer: '/@odata.count', stableKey: 'changed' }],
      },
    ],
    quiet: [
      { title: 'a walk with a steady count', exchange: p3, prior: [p1, p2] },
      { title: 'no $count asked, none given', exchange: listPage('', [item(1)]) },
    ],
  },
  paging_complete: {
    fires: [
      {
        title: 'a walk that repeats an item across pages',
        exchange: p2Repeat,
        prior: [p1],
        findings: [{ pointer: '/value/0/id', stableKey: 'duplicate' }],
      },
      {
        title: 'a walk that drops an item (fewer than @odata.count)',
        exchange: p3,
        prior: [p1, p2Drop],
        findings: [{ pointer: '/value', stableKey: 'lost' }],
      },
      {
        title: 'a nextLink to another host',
        exchange: page('?$top=2', [item(1), item(2)], {
          '@odata.nextLink': 'https://elsewhere.example.com/beta/deviceManagement/embeddedSIMActivationCodePools?$skiptoken=x',
        }),
        findings: [{ pointer: '/@odata.nextLink', stableKey: 'next-link:other-host' }],
      },
      {
        title: 'a nextLink to another path',
        exchange: page('?$top=2', [item(1), item(2)], {
          '@odata.nextLink': `${TARGET.baseUrl}/deviceManagement/managedDevices?$skiptoken=x`,
        }),
        findings: [{ pointer: '/@odata.nextLink', stableKey: 'next-link:other-path' }],
      },
    ],
    quiet: [
      { title: 'the last page of a complete walk', exchange: p3, prior: [p1, p2] },
      { title: 'a middle page', exchange: p2, prior: [p1] },
      {
        title: 'the last page of a walk whose pages each held other items',
        exchange: p3AfterRepeat,
        prior: [p1, page('?$skiptoken=t1', [item(3)])],
      },
      { title: 'a single page without nextLink', exchange: listPage('', [item(1), item(2)]) },
    ],
  },
};
