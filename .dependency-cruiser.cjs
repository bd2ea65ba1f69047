/**
 * Import boundaries (DESIGN §2, §9): the domain is pure, functions never reach into infra,
 * and contexts talk through their exported use cases.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing from functions/, infra/, the AWS SDK or middy',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: ['^functions/', '^infra/', '^node_modules/@aws-sdk/', '^node_modules/@middy/', '^node_modules/@aws-lambda-powertools/', '^node_modules/aws-cdk-lib/'] },
    },
    {
      name: 'domain-no-node-io',
      comment: 'domain/ does no I/O',
      severity: 'error',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'], path: '^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process)$' },
    },
    {
      name: 'functions-not-infra',
      comment: 'Lambda code does not depend on the CDK app or the local runtime (infra/table-definition.ts is shared data)',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/', pathNot: '^infra/table-definition\\.ts$' },
    },
    {
      name: 'context-entry-only',
      comment: 'a context reaches another context only through its public entry, domain/<context>/index.ts (DESIGN §9)',
      severity: 'error',
      from: { path: '^domain/([^/]+)/' },
      to: { path: '^domain/[^/]+/', pathNot: ['^domain/$1/', '^domain/shared/', '^domain/[^/]+/index\\.ts$'] },
    },
    {
      name: 'handlers-use-context-entries',
      comment: "a context's HTTP operations reach other contexts only through their public entries",
      severity: 'error',
      from: { path: '^functions/http/([^/]+)/' },
      to: { path: '^domain/[^/]+/', pathNot: ['^domain/$1/', '^domain/shared/', '^domain/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
