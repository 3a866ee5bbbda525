import { describe, expect, it } from 'vitest';
import { matchesAnySite } from '../../../../lambdas/core/checks/cors/origin';

describe('matchesAnySite reads wildcards with the Public Suffix List', () => {
  it.each([
    'https://*.co.uk',
    'https://*.com.au',
    'https://*.github.io',
    'https://*.cloudfront.net',
    'https://*.amazonaws.com',
    'https://*.us-east-1.amazonaws.com',
    'https://*.execute-api.us-east-1.amazonaws.com',
    'https://*.compute.amazonaws.com',
    'https://*.herokuapp.com',
    'https://app-*.github.io',
    'https://*example.com',
    'https://*.internal',
    'https://*.*',
    'https://*.',
  ])('%s admits any site', (origin) => {
    expect(matchesAnySite(origin)).toBe(true);
  });

  it.each([
    'https://*.example.com',
    'https://*.example.co.uk',
    'https://*.shop.github.io',
    'https://*-app.example.com.au',
    'https://*.d111111abcdef8.cloudfront.net',
    'https://*.bucket.s3.amazonaws.com',
    'https://app.example.com',
    'https://*.corp.internal',
  ])('%s is a listed origin: its owner’s names only', (origin) => {
    expect(matchesAnySite(origin)).toBe(false);
  });
});
