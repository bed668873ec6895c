import { describe, expect, it } from 'vitest';
import { visibleRows, type RowOptions } from './json-tree-rows.ts';

const VALUE = { a: { b: 1, c: [true, null] }, d: 'text' };

function options(open: readonly string[], overrides: Partial<RowOptions> = {}): RowOptions {
  return { label: 'data', isOpen: (path) => open.includes(path), limitOf: () => 200, maxRows: 1000, ...overrides };
}

/** Each row as `level position/size parent path`, `+`/`-` for an open or closed container. */
function outline(value: unknown, opts: RowOptions): string[] {
  return visibleRows(value, opts).rows.map((row) =>
    row.kind === 'more'
      ? `${row.level} more ${row.rest} of ${row.path} ^${row.parent}`
      : `${row.level} ${row.position}/${row.setSize} ^${row.parent} ${row.path}${row.size === null ? '' : row.open ? ' +' : ' -'}`,
  );
}

describe('visibleRows', () => {
  it('lists the open containers’ children in document order, with level, place and parent', () => {
    expect(outline(VALUE, options(['data', 'data.a', 'data.a.c']))).toEqual([
      '1 1/1 ^-1 data +',
      '2 1/2 ^0 data.a +',
      '3 1/2 ^1 data.a.b',
      '3 2/2 ^1 data.a.c +',
      '4 1/2 ^3 data.a.c[0]',
      '4 2/2 ^3 data.a.c[1]',
      '2 2/2 ^0 data.d',
    ]);
  });

  it('leaves a closed container’s children out', () => {
    expect(outline(VALUE, options(['data']))).toEqual(['1 1/1 ^-1 data +', '2 1/2 ^0 data.a -', '2 2/2 ^0 data.d']);
  });

  it('pages children, with a row for the rest after the ones drawn', () => {
    const value = { list: [10, 11, 12, 13, 14] };
    expect(outline(value, options(['data', 'data.list'], { limitOf: (path) => (path === 'data.list' ? 2 : 200) }))).toEqual([
      '1 1/1 ^-1 data +',
      '2 1/1 ^0 data.list +',
      '3 1/5 ^1 data.list[0]',
      '3 2/5 ^1 data.list[1]',
      '3 more 3 of data.list ^1',
    ]);
  });

  it('walks a value nested 100 000 levels deep without the call stack, up to the rows it may draw', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = { d: deep };
    const all = visibleRows(deep, options([], { isOpen: () => true, maxRows: 200_000 }));
    expect(all.truncated).toBe(false);
    expect(all.rows).toHaveLength(100_001);
    expect(all.rows.at(-1)).toMatchObject({ kind: 'node', level: 100_001, value: 'bottom', parent: 99_999 });
    const some = visibleRows(deep, options([], { isOpen: () => true, maxRows: 50 }));
    expect(some.truncated).toBe(true);
    expect(some.rows).toHaveLength(50);
  });
});
