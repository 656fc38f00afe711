// Jest's own order, slowest file first (test/setup/durations.json's seconds where Jest's cache
// has no time for a file, as on a fresh clone), so no long file starts last while the other
// worker idles. CommonJS: Jest loads a sequencer with plain require.
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const durations = require('./durations.json');

class SlowestFirst extends Sequencer {
  time(test) {
    const seconds = durations[relative(test.context.config.rootDir, test.path)];
    return super.time(test) ?? (seconds === undefined ? undefined : seconds * 1000);
  }
}

module.exports = SlowestFirst;
