import { describe, expect, it } from 'vitest';
import { readEach } from '../../lambdas/aws/each-resource';
import { required } from '../../lambdas/aws/required';
import { collectingUnreadable } from '../../lambdas/core/checks/unreadable-resources';

const ACTION = 'svc:ListThings';
const items: { Arn?: string; Name?: string }[] = [
  { Arn: 'arn:aws:svc:::thing/a', Name: 'a' },
  { Arn: 'arn:aws:svc:::thing/b' },
  { Arn: 'arn:aws:svc:::thing/c', Name: 'c' },
];
const [A = {}, , C = {}] = items;
const identify = (item: { Arn?: string; Name?: string }) => ({ arn: item.Arn, names: [item.Name] });
const read = (item: { Arn?: string; Name?: string }) => required(ACTION, 'Things[].Name', item.Name);

describe('readEach: one item that cannot be read, within a check run', () => {
  it('reads the others and sets that one aside, named by its ARN', async () => {
    const { value, unreadable } = await collectingUnreadable(async () =>
      readEach(ACTION, items, identify, read),
    );
    expect(value).toEqual(['a', 'c']);
    expect(unreadable.map((u) => [u.resource, (u.error as Error).message])).toEqual([
      ['arn:aws:svc:::thing/b', 'svc:ListThings failed (MissingField): response lacks Things[].Name'],
    ]);
  });

  it('names an item that says nothing of who it is by its place in the listing', async () => {
    const { unreadable } = await collectingUnreadable(async () =>
      readEach(
        ACTION,
        [{ Name: 'a' }, {}, { Name: 5 }],
        (i) => ({ names: [(i as { Name?: unknown }).Name] }),
        (i) => required(ACTION, 'Things[].Name', (i as { Name?: string }).Name),
      ),
    );
    expect(unreadable.map((u) => u.resource)).toEqual(['svc:ListThings item 2']);
  });

  it('outside a check run, fails the whole read as before', () => {
    expect(() => readEach(ACTION, items, identify, read)).toThrow('response lacks Things[].Name');
  });

  it('reads an item listed twice word for word once; a changed second listing is read again', async () => {
    const reads: string[] = [];
    const { value } = await collectingUnreadable(async () =>
      readEach(ACTION, [A, C, { ...A }, { ...A, Name: 'a2' }], identify, (item) => {
        reads.push(item.Name ?? '');
        return item.Name;
      }),
    );
    expect(reads).toEqual(['a', 'c', 'a2']);
    expect(value).toEqual(['a', 'c', 'a2']);
  });
});
