import { describe, expect, it } from 'vitest';
import { ExecutionNameError, executionName } from '../../lambdas/core/execution-name';

describe('executionName', () => {
  it.each(['d-4EXAMPLE1', 'build_7', 'a'.repeat(80)])(
    'keeps a safe id of at most 80 characters: %s',
    (id) => {
      expect(executionName(id)).toBe(id);
    },
  );

  it('gives ids that sanitize alike different names', () => {
    const dotted = executionName('v1.2');
    expect(dotted).toMatch(/^v1-2-[0-9a-f]{10}$/);
    expect(dotted).not.toBe(executionName('v1-2'));
    expect(executionName('v1-2')).toBe('v1-2');
  });

  it('gives long ids that share their first 80 characters different names of at most 80', () => {
    const a = executionName(`${'x'.repeat(100)}a`);
    const b = executionName(`${'x'.repeat(100)}b`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(80);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives a safe id that ends like a lossless name a name of its own, not that of the id it looks made from', () => {
    const dotted = executionName('v1.2');
    expect(executionName(dotted)).not.toBe(dotted);
    expect(executionName(dotted)).toMatch(new RegExp(`^${dotted}-[0-9a-f]{10}$`));
  });

  it('is stable: the same id always names the same execution', () => {
    expect(executionName('release/2026.11.30')).toBe(executionName('release/2026.11.30'));
  });

  it.each(['', '---', '../..', '   '])('refuses an id without a letter or digit: %j', (id) => {
    expect(() => executionName(id)).toThrow(ExecutionNameError);
  });
});
