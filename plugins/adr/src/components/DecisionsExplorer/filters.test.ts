import { filtersFromSearchParams, filtersToQuery, hasActiveFilters } from './filters';

const read = (search: string) => filtersFromSearchParams(new URLSearchParams(search));

describe('decision filters in the URL', () => {
  it('turn into the list query', () => {
    const filters = read(
      'status=accepted&status=proposed&domain=domain:default/payments&tag=events&from=2025-11-25&to=2026-01-31&sort=number&order=desc&page=3&size=10&q=outbox',
    );
    expect(filtersToQuery(filters)).toEqual({
      q: 'outbox',
      status: ['accepted', 'proposed'],
      domain: ['domain:default/payments'],
      tag: ['events'],
      from: '2025-11-25',
      to: '2026-01-31',
      sort: 'number',
      order: 'desc',
      limit: 10,
      offset: 20,
    });
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('ignore values that make no sense', () => {
    const filters = read('status=maybe&from=yesterday&sort=colour&order=up&page=-1&size=7');
    expect(filtersToQuery(filters)).toEqual({ limit: 25, offset: 0 });
    expect(hasActiveFilters(filters)).toBe(false);
  });

  it('read a backwards date range the right way round', () => {
    expect(filtersToQuery(read('from=2026-01-01&to=2025-01-01'))).toMatchObject({
      from: '2025-01-01',
      to: '2026-01-01',
    });
  });

  it('fix the entity on an entity tab', () => {
    expect(
      filtersToQuery(read('entityRef=component:default/other'), 'component:default/payments-api'),
    ).toMatchObject({ entityRef: ['component:default/payments-api'] });
  });
});
