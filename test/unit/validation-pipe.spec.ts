import 'reflect-metadata';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ProblemError } from '../../src/common/problem';
import { createValidationPipe } from '../../src/common/validation';

class PageQuery {
  @IsOptional() @IsIn(['day', 'week']) interval: string = 'day';
  @IsOptional() @IsString() tag?: string;
}

class NeedsName {
  @IsString() name: string;
}

const asQuery = <T>(metatype: new () => T) => ({ type: 'query' as const, metatype, data: undefined });

describe('the validation pipe on an empty value', () => {
  it('should hand a fresh instance with the class defaults to every request, the first and the later ones', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({}, asQuery(PageQuery));
    const second = await pipe.transform({}, asQuery(PageQuery));
    for (const value of [first, second]) {
      expect(value).toBeInstanceOf(PageQuery);
      expect(value).toEqual(Object.assign(new PageQuery(), { interval: 'day' }));
    }
    expect(second).not.toBe(first);
  });

  it('should still refuse an empty value for a class with a required field, every time', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++)
      await expect(pipe.transform({}, asQuery(NeedsName))).rejects.toThrow(ProblemError);
  });

  it('should still validate a value with fields after an empty one passed', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, asQuery(PageQuery));
    await expect(pipe.transform({ interval: 'year' }, asQuery(PageQuery))).rejects.toThrow(/interval/);
    await expect(pipe.transform({ unknown: '1' }, asQuery(PageQuery))).rejects.toThrow(/unknown/);
    await expect(pipe.transform({ interval: 'week' }, asQuery(PageQuery))).resolves.toEqual(
      Object.assign(new PageQuery(), { interval: 'week' }),
    );
  });

  it('should take a query object without a prototype, as Fastify parses it, for an empty one', async () => {
    const pipe = createValidationPipe();
    await pipe.transform(Object.create(null), asQuery(PageQuery));
    await expect(pipe.transform(Object.create(null), asQuery(PageQuery))).resolves.toBeInstanceOf(PageQuery);
  });
});
