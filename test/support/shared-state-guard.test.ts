import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  registerSharedStateCheck,
  sharedStateChanges,
  sharedStateProblem,
  snapshotSharedState,
} from './shared-state-guard';

// test/shared-process-setup.ts runs this guard around every file of the pure and shared projects; this file (isolated) checks what it sees.
describe('the guard that keeps the pure test project free of leaks', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('sees nothing when a file changed nothing', () => {
    const before = snapshotSharedState();
    expect(sharedStateChanges(before)).toEqual([]);
    expect(sharedStateProblem([])).toBeUndefined();
  });

  it('names an environment variable set, changed or removed', () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const before = snapshotSharedState();
    vi.stubEnv('PREFLIGHT_GUARD_PROBE', 'x');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    expect(sharedStateChanges(before)).toEqual([
      'process.env.AWS_REGION',
      'process.env.PREFLIGHT_GUARD_PROBE',
    ]);
    vi.unstubAllEnvs();
    vi.stubEnv('AWS_REGION', 'us-east-1');
    expect(sharedStateChanges(before)).toEqual([]);
  });

  it('names a global added or replaced', () => {
    const before = snapshotSharedState();
    vi.stubGlobal('preflightGuardProbe', 1);
    vi.stubGlobal('fetch', () => undefined);
    expect(sharedStateChanges(before)).toEqual(['globalThis.fetch', 'globalThis.preflightGuardProbe']);
  });

  it('names a built-in replaced in place: the clock, randomness, the console', () => {
    const before = snapshotSharedState();
    vi.spyOn(Date, 'now').mockReturnValue(0);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedStateChanges(before)).toEqual(['Date.now', 'Math.random', 'console.warn']);
    vi.restoreAllMocks();
    expect(sharedStateChanges(before)).toEqual([]);
  });

  it('names a polluted prototype', () => {
    const before = snapshotSharedState();
    Object.defineProperty(Object.prototype, 'preflightGuardProbe', { value: 1, configurable: true });
    try {
      expect(sharedStateChanges(before)).toEqual(['Object.prototype keys']);
    } finally {
      Reflect.deleteProperty(Object.prototype, 'preflightGuardProbe');
    }
    expect(sharedStateChanges(before)).toEqual([]);
  });

  it('names fake timers left on', () => {
    const before = snapshotSharedState();
    vi.useFakeTimers();
    expect(sharedStateChanges(before)).toContain('fake timers still on');
  });

  it('names an SDK client whose send a file left stubbed (aws-sdk-client-mock or a spy)', () => {
    const before = snapshotSharedState();
    const s3 = mockClient(S3Client);
    vi.spyOn(STSClient.prototype, 'send');
    expect(sharedStateChanges(before)).toEqual([
      'S3Client.prototype.send stubbed',
      'STSClient.prototype.send stubbed',
    ]);
    s3.restore();
    vi.restoreAllMocks();
    expect(sharedStateChanges(before)).toEqual([]);
  });

  it('holds a file to the stubs it made, not to one found already there, unless it replaced it', () => {
    const earlier = mockClient(S3Client);
    try {
      const before = snapshotSharedState();
      expect(sharedStateChanges(before)).toEqual([]);
      // A second mockClient of the same class replaces the first stub with its own.
      const own = mockClient(S3Client);
      expect(sharedStateChanges(before)).toEqual(['S3Client.prototype.send stubbed']);
      own.restore();
    } finally {
      earlier.restore();
    }
  });

  it("excuses a library's first setting of its own variable or global, but not a later change of it", () => {
    vi.stubEnv('AWS_SDK_UA_APP_ID', undefined);
    const before = snapshotSharedState();
    vi.stubEnv('AWS_SDK_UA_APP_ID', 'PT/NO-OP/2/PTEnv/NA');
    expect(sharedStateChanges(before)).toEqual([]);
    const loaded = snapshotSharedState();
    vi.stubEnv('AWS_SDK_UA_APP_ID', 'mine');
    expect(sharedStateChanges(loaded)).toEqual(['process.env.AWS_SDK_UA_APP_ID']);
  });

  it('runs the checks other test support registers, after every file', () => {
    const before = snapshotSharedState();
    let found = ['the probe changed'];
    registerSharedStateCheck(() => {
      const now = found;
      found = [];
      return now;
    });
    expect(sharedStateChanges(before)).toEqual(['the probe changed']);
    expect(sharedStateChanges(before)).toEqual([]);
  });

  it('tells the file what to do about it', () => {
    expect(sharedStateProblem(['process.env.X', 'S3Client.prototype.send stubbed'])).toMatch(
      /^This test file left shared state changed \(process\.env\.X, S3Client\.prototype\.send stubbed\)\. Its test project runs its files in one process: restore .*restore\(\) in afterAll\), or move the file to the isolated project in vitest\.config\.mts\.$/,
    );
  });
});
