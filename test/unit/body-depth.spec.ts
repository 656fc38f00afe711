import { jsonDepth } from '../../src/security/body-depth';

describe('JSON nesting depth', () => {
  it('should count scalars as 0 and each object or array level as 1', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
  });

  it('should measure bodies far deeper than the call stack allows', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(jsonDepth(deep)).toBe(200_000);
  });

  it('should stop early once past the limit', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`);
    expect(jsonDepth(deep, 32)).toBe(33);
  });
});
