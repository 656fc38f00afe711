import { jsonShapeProblem, JsonLimits } from '../../src/security/json-body';

const limits: JsonLimits = { values: 100, depth: 32, arrayItems: 10, objectKeys: 5 };
const problem = (value: unknown, l = limits) => jsonShapeProblem(JSON.stringify(value), l)?.detail ?? null;

describe('JSON body shape, read before parsing', () => {
  it('should accept scalars and bodies within every limit', () => {
    expect(problem('x')).toBeNull();
    expect(problem(null)).toBeNull();
    expect(problem({ a: [1, { b: 2 }], c: 'x,[{y"', d: '\\' })).toBeNull();
    expect(jsonShapeProblem('  { "a" : [ 1 , 2 ] , "b" : { } }  ', limits)).toBeNull();
  });

  it('should refuse bodies far deeper than the call stack allows', () => {
    expect(jsonShapeProblem(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, limits)?.detail).toBe(
      'body: nests deeper than 32 levels',
    );
  });

  it('should allow exactly the depth limit and refuse one more', () => {
    const nest = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(jsonShapeProblem(nest(32), limits)).toBeNull();
    expect(jsonShapeProblem(nest(33), limits)?.detail).toBe('body: nests deeper than 32 levels');
  });

  it('should refuse an array or an object over its size, at any level, and count keys as no values', () => {
    expect(problem({ a: { b: Array(10).fill(123) } })).toBeNull();
    expect(problem({ a: { b: Array(11).fill(123) } })).toBe('body: has an array of more than 10 elements');
    expect(problem([{ a: 1, b: 2, c: 3, d: 4, e: 5 }])).toBeNull();
    expect(problem([{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }])).toBe(
      'body: has an object with more than 5 fields',
    );
  });

  it('should count every scalar, object and array once against the body total (413)', () => {
    const many = Array.from({ length: 9 }, () => Array(10).fill('"a,b"'));
    expect(problem(many)).toBeNull(); // 1 + 9 + 90 values
    const tooMany = jsonShapeProblem(JSON.stringify([...many, []]), limits);
    expect(tooMany?.spec.status).toBe(413);
  });
});
