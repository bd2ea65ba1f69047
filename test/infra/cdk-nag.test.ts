import { type App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMailSender, testStacks, type TestStacks } from './fixtures/comptoir-stack.ts';

let app: App;
let stacks: TestStacks;

beforeAll(() => {
  // nagChecks: synthesis itself (Template.fromStack) throws the report if any finding is left. A Lambda granted mail
  // sending shows that the grant needs no acknowledgement of its own.
  stacks = testStacks({ nagChecks: true, extend: addMailSender });
  app = stacks.app;
});

/** Every acknowledgement in the tree: where it was made, and which finding it names. */
function acknowledgements(root: IConstruct): Array<{ path: string; id: string }> {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as object).map((id) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, '') }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('leaves no error nor warning unacknowledged, in either stack', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName} ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('has a reason for each acknowledgement, and each still matches a finding', () => {
    const checks = new AwsSolutionsChecks();
    // The raw findings, as if nothing were acknowledged.
    Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
    const findings = checks.validateScope(app).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({ id: violation.ruleName, path: resource.constructPath ?? '' })),
    );
    const acknowledged = acknowledgements(app).filter(({ id }) => id.startsWith('AwsSolutions-'));
    expect(acknowledged.length).toBeGreaterThan(0);
    // The checks ran over both stacks: each has findings acknowledged, and each acknowledgement matches one.
    expect(new Set(acknowledged.map(({ path }) => path.split('/')[0]))).toEqual(new Set([stacks.stateful.stackName, stacks.stateless.stackName]));
    for (const { path, id } of acknowledged) {
      expect(findings.some((finding) => finding.id === id && finding.path.startsWith(`${path}/`)), `${id} at ${path}`).toBe(true);
    }
  });

  it('is not reported through annotations (cdk-nag 3 reports to the validation framework), and CDK itself warns of nothing', () => {
    for (const stack of [stacks.stateful, stacks.stateless]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')), stack.stackName).toEqual([]);
      expect(annotations.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});
