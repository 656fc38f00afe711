/**
 * Dependency rules for src/ and web/ (npm run depcruise, run by CI).
 *
 * Feature folders sit in layers; a folder may import its own layer's neighbours only through
 * their public files and never a folder of a higher layer. A strict order between folders
 * means no cycle between feature folders can exist. Cross-feature work goes through providers
 * a module exports (StatusHistory, QuoteVerifier, Outbox, AuditService, …), so another
 * feature's controllers, DTOs and list queries are off limits.
 */
const LAYERS = [
  // The extraction library is plain text processing (items' similarity and the worker pool use it).
  ['common', 'candidates/extraction', 'candidates/lexicons'],
  ['auth', 'events', 'metrics'],
  ['audit', 'security', 'idempotency'],
  ['sources', 'actors', 'api-keys', 'fx-rates'],
  ['items'],
  ['timeline', 'follow-ups', 'stats', 'candidates', 'rechecks'],
  ['webhooks', 'feeds', 'imports', 'publications'],
  ['mail'],
  ['reminders'],
  ['health', 'demo', 'workbench'],
];

const FEATURES = LAYERS.flat();
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1).flat();
  const atOrBelow = LAYERS.slice(0, index + 1).flat();
  return above.length === 0
    ? []
    : [
        {
          name: `layer-${layer.join('-')}`,
          comment: `${layer.join(', ')} must not import a feature built on top of it (${above.join(', ')})`,
          severity: 'error',
          // The worker pool's task list names the pure CPU-heavy functions of the features that use it.
          from: { path: `^src/(${layer.join('|')})/`, pathNot: '^src/common/worker-pool/tasks[.]ts$' },
          to: { path: `^src/(${above.join('|')})/`, pathNot: `^src/(${atOrBelow.join('|')})/` },
        },
      ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between files, in src/ and in the workbench (web/) alike.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'database-below-features',
      comment:
        'src/database/ serves the features (data source, migrations, SQL helpers) and never imports one: ' +
        'the entity list comes from the composition roots (src/entities.ts).',
      severity: 'error',
      from: { path: '^src/database/' },
      to: { path: `^src/(${FEATURES.join('|')})/` },
    },
    {
      name: 'feature-internals',
      comment:
        "Another feature's controllers, DTOs and list queries are its own: use the providers its module exports.",
      severity: 'error',
      from: { path: `^src/(${FEATURES.join('|')})/` },
      to: {
        path: `^src/(${FEATURES.join('|')})/(.+[.]controller[.]ts|dto/.+|.+[.]query[.]ts)$`,
        pathNot: '^src/$1/',
      },
    },
    {
      name: 'features-not-into-the-root',
      comment:
        'Features do not import start-up code (main, worker, app.module, app.factory, server); the demo and the OpenAPI export without a database are start-up code themselves.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/(demo/main|openapi/preview)[.]ts$' },
      to: { path: '^src/(main|worker|worker[.]module|app[.]module|app[.]factory|server|shutdown)[.]ts$' },
    },
    {
      name: 'no-orphans',
      comment: 'A file nothing imports is dead code (entry points and declarations excepted).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['[.]d[.]ts$', '^src/(main|worker|demo/main|database/migrate)[.]ts$', '^web/main[.]tsx$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
