import { describe, expect, it } from 'vitest';
import { assignAgent, assignmentSchema, type Assignment } from '../../../domain/quotes/assignment.ts';

const assignment: Assignment = {
  rules: [{ kind: 'customer_agent' }, { kind: 'by_country', agents: { BE: 'lea' } }, { kind: 'round_robin', agents: ['alice', 'bob', 'chloe'] }],
  fallbackAgentId: 'sales',
};

function turns() {
  let turn = 0;
  return () => Promise.resolve(turn++);
}

describe('assignAgent (QUO-8)', () => {
  it('takes the first rule that names an agent: the customer, then the country, then the round robin in turn', async () => {
    const nextTurn = turns();
    expect(await assignAgent(assignment, { customerAgentId: 'marc', countryCode: 'BE', nextTurn })).toEqual({ agentId: 'marc', rule: 'customer_agent' });
    expect(await assignAgent(assignment, { countryCode: 'BE', nextTurn })).toEqual({ agentId: 'lea', rule: 'by_country' });
    const robin = [];
    for (let i = 0; i < 4; i++) robin.push((await assignAgent(assignment, { countryCode: 'FR', nextTurn })).agentId);
    expect(robin).toEqual(['alice', 'bob', 'chloe', 'alice']);
  });

  it('falls back when no rule names anyone, and asks for a turn only when the round robin is reached', async () => {
    let asked = 0;
    const nextTurn = () => Promise.resolve(asked++);
    expect(await assignAgent({ rules: [{ kind: 'customer_agent' }], fallbackAgentId: 'sales' }, { nextTurn })).toEqual({ agentId: 'sales', rule: 'fallback' });
    await assignAgent(assignment, { customerAgentId: 'marc', nextTurn });
    expect(asked).toBe(0);
  });

  it('is configured as JSON the schema checks', () => {
    expect(assignmentSchema.safeParse({ rules: [{ kind: 'round_robin', agents: [] }], fallbackAgentId: 'sales' }).success).toBe(false);
    expect(assignmentSchema.safeParse({ rules: [{ kind: 'by_country', agents: { XX: 'a' } }], fallbackAgentId: 'sales' }).success).toBe(false);
    expect(assignmentSchema.parse(assignment)).toEqual(assignment);
  });
});
