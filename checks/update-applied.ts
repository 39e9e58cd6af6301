/**
 * update_applied: an update takes effect. On a read (GET) of an object after a successful update of it (ctx.prior
 * holds the object's create, reads and updates, oldest first):
 * - every writable property the update(s) sent shows the value sent (`not-applied`): a service whose PATCH answers
 *   200/204 but stores nothing is caught here;
 * - every other writable property still has the value it had before (`changed-unsent`): an update touches only
 *   what it names. readOnly properties are left to server_generated (createdDateTime stays, modifiedDateTime
 *   advances), computed_property (counts) and read_only_ignored; server-maintained ones ("Updated service side")
 *   may change; writeOnly ones cannot be read.
 * - the read itself succeeds (`read-failed`, only for the read the runner makes right after an update).
 * When several updates came after the last known state, the last value sent for each property is expected.
 */
import type { OperationContract } from '../contracts/model.js';
import { joinPointer } from '../lib/json-pointer.js';
import { isObject } from './body-walk.js';
import { historyOf, snapshotOf, subjectId, type Step } from './object-history.js';
import { propertyRoles, sameRead, shown, shows, type PropertyRole } from './property-roles.js';
import { isSuccess } from './response-body.js';
import type { Check, CheckContext, Exchange, FindingDraft } from './types.js';

type Json = Record<string, unknown>;

interface UpdateStory {
  /** The object's last known state before the updates, and the step that showed it. */
  before: { body: Json; step: Step } | null;
  /** Writable, readable properties the updates sent, with the last value sent. */
  sent: Map<string, unknown>;
  /** Names of every property the updates sent (writeOnly ones too: a count of them may change). */
  touched: Set<string>;
  updates: Step[];
}

const label = (step: Step): string => step.exchange.step ?? `${step.op.id} (${step.exchange.caseName})`;

/** The updates since the last state a step showed, or null when no update came after it. */
function storyOf(history: Step[], roles: Map<string, PropertyRole>): UpdateStory | null {
  const lastUpdate = history.map((s) => s.op.kind).lastIndexOf('update');
  if (lastUpdate < 0) return null;
  let before: UpdateStory['before'] = null;
  let from = 0;
  for (let i = lastUpdate - 1; i >= 0; i--) {
    const step = history[i] as Step;
    const body = step.op.kind === 'update' ? null : snapshotOf(step);
    if (body) {
      before = { body, step };
      from = i + 1;
      break;
    }
  }
  const updates = history.slice(from, lastUpdate + 1).filter((s) => s.op.kind === 'update');
  const sent = new Map<string, unknown>();
  const touched = new Set<string>();
  for (const u of updates) {
    const body = u.exchange.request.body;
    if (!isObject(body)) continue;
    for (const [name, value] of Object.entries(body)) {
      touched.add(name);
      const role = roles.get(name);
      if (role && !role.readOnly && !role.writeOnly) sent.set(name, value);
    }
  }
  return { before, sent, touched, updates };
}

/** The readable, writable part of what was sent (never writeOnly values such as activation codes). */
const readableSent = (story: UpdateStory): Json => Object.fromEntries(story.sent);

function judge(body: Json, story: UpdateStory, roles: PropertyRole[], op: OperationContract): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const updates = story.updates.map(label).join(', ');
  const context = `after ${updates} (sent ${shown(readableSent(story))})`;
  for (const [name, value] of story.sent) {
    if (shows(body[name], value)) continue;
    const before = story.before ? ` (before: ${shown(story.before.body[name])} in ${label(story.before.step)})` : '';
    drafts.push({
      pointer: joinPointer('', name),
      expected: 'the value the update sent',
      observed: { sent: value, read: body[name] ?? null, ...(story.before ? { before: story.before.body[name] ?? null } : {}) },
      message: `${op.id} read ${name} as ${shown(body[name])}${before} ${context}: the update did not take effect`,
      stableKey: 'not-applied',
    });
  }
  const before = story.before;
  if (!before) return drafts;
  for (const role of roles) {
    const { name } = role;
    if (role.readOnly || role.writeOnly || story.touched.has(name)) continue;
    if (!(name in before.body) || !(name in body) || sameRead(body[name], before.body[name])) continue;
    drafts.push({
      pointer: joinPointer('', name),
      expected: 'unchanged by an update that did not send it',
      observed: { before: before.body[name], after: body[name] },
      message: `${name} changed from ${shown(before.body[name])} (${label(before.step)}) to ${shown(body[name])} ${context}, which did not send it`,
      stableKey: 'changed-unsent',
    });
  }
  return drafts;
}

export const updateApplied: Check = {
  name: 'update_applied',
  description: 'a read after a successful update shows every writable property sent, and no other writable property changed',
  run(exchange: Exchange, op: OperationContract, ctx: CheckContext) {
    if (op.kind !== 'get' || !op.response.body || op.response.body.collection) return [];
    if (!isSuccess(exchange.response.status)) {
      if (exchange.caseKind !== 'after-update') return [];
      return [
        {
          pointer: '/status',
          expected: op.response.status,
          observed: exchange.response.status,
          message: `the object could not be read back right after its update: ${op.id} answered ${exchange.response.status}`,
          stableKey: `read-failed ${exchange.response.status}`,
        },
      ];
    }
    const body = exchange.response.body;
    const id = subjectId(exchange, op);
    if (!isObject(body) || id === null) return [];
    const roles = propertyRoles(ctx, op.response.body.type);
    const story = storyOf(historyOf(ctx, op.resource, id), new Map(roles.map((r) => [r.name, r])));
    return story ? judge(body, story, roles, op) : [];
  },
};
