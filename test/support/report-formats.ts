import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import { parse, type TestSuite, type TestSuites } from 'junit2json';
import type { Log } from 'sarif';
import { expect } from 'vitest';

/*
 * Checks files for CI systems the way those systems read them: SARIF against the published SARIF
 * 2.1.0 JSON schema (test/schemas, validated by Ajv), JUnit XML by a maintained parser's model
 * (junit2json) after a well-formedness check, with the counts a CI shows.
 */

const SARIF_SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

// The schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept,
// as JSON Schema draft-04 validators of its time read it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA);

/** The schema's errors for a document, `[]` when it is a valid SARIF 2.1.0 log. */
export function sarifSchemaErrors(document: unknown): string[] {
  if (validateSarif(document)) return [];
  return (validateSarif.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Parses a SARIF file and asserts it is valid against the schema. */
export function expectValidSarif(text: string): Log {
  const document = JSON.parse(text) as Log;
  expect(sarifSchemaErrors(document)).toEqual([]);
  return document;
}

/** Parses a JUnit XML file, asserting it is well-formed, rooted at `<testsuites>`, and that every suite's counts match its cases. */
export async function expectValidJunit(text: string): Promise<TestSuite[]> {
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = (await parse(text)) as TestSuites;
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<testsuites[\s>]/);
  const suites = parsed.testsuite ?? [];
  for (const suite of suites) {
    const cases = suite.testcase ?? [];
    expect(suite.name, 'every suite is named').toBeTruthy();
    expect(suite.tests).toBe(cases.length);
    expect(suite.failures).toBe(cases.filter((c) => (c.failure ?? []).length > 0).length);
    expect(suite.errors).toBe(cases.filter((c) => (c.error ?? []).length > 0).length);
    expect(suite.skipped).toBe(cases.filter((c) => (c.skipped ?? []).length > 0).length);
    for (const c of cases) expect(c.name, 'every case is named').toBeTruthy();
  }
  return suites;
}
