import type { CorsPorts, FunctionUrlCors } from '../core/checks/cors/ports';

/** The function URLs of one sample region, by function name; a function not listed has none. */
export function sampleCorsPorts(urls: Readonly<Record<string, FunctionUrlCors>>): CorsPorts {
  return { functionUrlCors: async (name) => urls[name] };
}
