import { itemShapeViolations } from '../../src/items/item-rules';

const origin = [{ role: 'origin' }];

describe('item shape rules', () => {
  it('should accept a commitment with an amount, a recurrence and an origin citation', () => {
    expect(
      itemShapeViolations({
        kind: 'commitment',
        status: 'proposed',
        amount: {},
        recurrence: 'annual',
        citations: origin,
      }),
    ).toEqual([]);
  });

  it('should refuse a status from the other scale', () => {
    expect(
      itemShapeViolations({ kind: 'claim', status: 'agreed', citations: origin }).map((v) => v.spec.code),
    ).toEqual(['ITEM.STATUS_NOT_ON_SCALE']);
  });

  it('should refuse commitment-only fields on a claim, each by its path', () => {
    const paths = itemShapeViolations({
      kind: 'claim',
      amount: {},
      recurrence: 'once',
      periodStart: '2024-01-01',
      citations: origin,
    }).map((v) => v.path);
    expect(paths).toEqual(['amount', 'recurrence', 'periodStart']);
  });

  it('should need an origin citation and a period that does not end before it starts', () => {
    const codes = itemShapeViolations({
      kind: 'commitment',
      periodStart: '2025-01-01',
      periodEnd: '2024-12-31',
      citations: [{ role: 'support' }],
    }).map((v) => v.spec.code);
    expect(codes).toEqual(['ITEM.INVALID_PERIOD', 'ITEM.ORIGIN_CITATION_REQUIRED']);
  });
});
