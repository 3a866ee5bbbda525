import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';

/*
 * Each AWS SDK client's runtime configuration imports its whole `package.json` to read one field,
 * the version it puts in the User-Agent (`packageInfo.version`). esbuild keeps a JSON file's default
 * import whole: 1.5–2.5 KiB per client (its description, scripts, dependencies, files), in every
 * function, for one string. This transform writes the import as an object with that one field, read
 * from the same file, when the version is all the module reads of it; any other use leaves it as is.
 */

/** The runtime configurations of an `@aws-sdk/*` package's ES module build (a client's, a nested client's). */
export const SDK_RUNTIME_CONFIG_FILE =
  /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?runtimeConfig\.js$/;

const IMPORT = /^import (\w+) from "((?:\.\.\/)+package\.json)";$/m;

/**
 * `source` with its default import of a `package.json` replaced by `{ version }` (the version read by
 * `readJson` from that file), when `.version` is the only thing the module reads of it; otherwise
 * the source unchanged.
 */
export async function packageVersionOnly(
  source: string,
  readJson: (relative: string) => Promise<unknown>,
): Promise<string> {
  const match = IMPORT.exec(source);
  if (match === null) return source;
  const [line, name = '', relative = ''] = match;
  const uses = source.match(new RegExp(String.raw`\b${name}\b`, 'g'))?.length ?? 0;
  const versionReads = source.match(new RegExp(String.raw`\b${name}\.version\b(?![\w$])`, 'g'))?.length ?? 0;
  if (uses !== versionReads + 1) return source;
  const version = ((await readJson(relative)) as { version?: unknown } | null)?.version;
  if (typeof version !== 'string') return source;
  return source.replace(line, `const ${name} = { version: ${JSON.stringify(version)} };`);
}

/** The esbuild plugin that applies {@link packageVersionOnly} to the SDK's runtime configurations. */
export function packageVersionPlugin(): Plugin {
  return {
    name: 'preflight-sdk-package-version',
    setup(build) {
      build.onLoad({ filter: SDK_RUNTIME_CONFIG_FILE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const contents = await packageVersionOnly(source, async (relative) =>
          JSON.parse(await readFile(path.resolve(path.dirname(args.path), relative), 'utf8')),
        );
        return contents === source
          ? undefined
          : { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
