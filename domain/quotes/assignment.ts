import * as z from 'zod';
import { countryCode, text } from '../shared/validation.ts';

/**
 * Who gets a requested quote (QUO-8): the rules are tried in order, the first that names an agent wins, the fallback
 * otherwise. `customer_agent` is the agent of the customer the request names, `by_country` maps the contact's country
 * to an agent, `round_robin` takes the agents in turn.
 */
const agent = text(128);
export const assignmentSchema = z.strictObject({
  rules: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('customer_agent') }),
        z.strictObject({ kind: z.literal('by_country'), agents: z.record(countryCode, agent) }),
        z.strictObject({ kind: z.literal('round_robin'), agents: z.array(agent).min(1).max(100) }),
      ]),
    )
    .max(10),
  fallbackAgentId: agent,
});

export type Assignment = z.output<typeof assignmentSchema>;
export type AssignmentRule = Assignment['rules'][number];

/** What the rules look at, and the turn of the round robin when it is asked. */
export interface AssignmentFacts {
  readonly customerAgentId?: string;
  readonly countryCode?: string;
  readonly nextTurn: () => Promise<number>;
}

export async function assignAgent(assignment: Assignment, facts: AssignmentFacts): Promise<{ readonly agentId: string; readonly rule: AssignmentRule['kind'] | 'fallback' }> {
  for (const rule of assignment.rules) {
    if (rule.kind === 'customer_agent' && facts.customerAgentId) return { agentId: facts.customerAgentId, rule: rule.kind };
    if (rule.kind === 'by_country' && facts.countryCode && rule.agents[facts.countryCode]) return { agentId: rule.agents[facts.countryCode]!, rule: rule.kind };
    if (rule.kind === 'round_robin') return { agentId: rule.agents[(await facts.nextTurn()) % rule.agents.length]!, rule: rule.kind };
  }
  return { agentId: assignment.fallbackAgentId, rule: 'fallback' };
}
