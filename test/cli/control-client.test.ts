import { describe, expect, it } from 'vitest';
import { controlTarget } from '../../bin/cli/control-client';
import { UsageError } from '../../bin/cli/usage-error';

describe('controlTarget', () => {
  it('reads the region from a function URL host', () => {
    const target = controlTarget({ controlUrl: 'https://abcdef123.lambda-url.eu-central-1.on.aws/' });
    expect(target.region).toBe('eu-central-1');
    expect(target.url.host).toBe('abcdef123.lambda-url.eu-central-1.on.aws');
  });

  it.each([
    [
      { controlUrl: 'https://abcdef123.lambda-url.eu-central-1.on.aws/', region: 'us-east-1' },
      /does not match/,
    ],
    [{ controlUrl: 'https://control.example.com/' }, /pass --region/],
    [{ controlUrl: 'not a url' }, /expected the stack output ControlUrl/],
    [{ controlUrl: 'http://control.example.com/', region: 'us-east-1' }, /expected an https URL/],
  ])('refuses %j', (options, message) => {
    expect(() => controlTarget(options)).toThrow(UsageError);
    expect(() => controlTarget(options)).toThrow(message);
  });
});
