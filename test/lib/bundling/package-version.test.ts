import { globSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  packageVersionOnly,
  packageVersionPlugin,
  SDK_RUNTIME_CONFIG_FILE,
} from '../../../lib/bundling/package-version';
import { PROJECT_ROOT } from '../../../lib/preflight-function';

const readJson = (versions: Record<string, unknown>) => async (relative: string) => versions[relative];

describe('packageVersionOnly', () => {
  it('writes the import as the version alone when the version is all the module reads', async () => {
    const source = 'import packageInfo from "../package.json";\nexport const v = packageInfo.version;\n';
    expect(
      await packageVersionOnly(source, readJson({ '../package.json': { version: '3.1.0', name: 'x' } })),
    ).toBe('const packageInfo = { version: "3.1.0" };\nexport const v = packageInfo.version;\n');
  });

  it('leaves the import alone when the module reads anything else of it, or the version is no string', async () => {
    const versions = readJson({ '../package.json': { version: '3.1.0' }, '../other.json': { version: 1 } });
    const sources = [
      'import packageInfo from "../package.json";\nexport const v = packageInfo.version + packageInfo.name;\n',
      'import packageInfo from "../package.json";\nexport const v = packageInfo;\n',
      'import packageInfo from "../package.json";\nexport const v = packageInfo["version"];\n',
      'import packageInfo from "../package.json";\nexport const v = packageInfo.versions;\n',
      'import packageInfo from "../package.json";\nexport const v = packageInfo.version$;\n',
      'import { version } from "../package.json";\nexport const v = version;\n',
    ];
    for (const source of sources) expect(await packageVersionOnly(source, versions)).toBe(source);
    const notString = 'import packageInfo from "../../other.json";\nexport const v = packageInfo.version;\n';
    expect(await packageVersionOnly(notString, versions)).toBe(notString);
  });

  it('rewrites every installed client’s runtime configuration, with its own package’s version', async () => {
    const files = globSync('node_modules/@aws-sdk/**/dist-es/**/runtimeConfig.js', { cwd: PROJECT_ROOT });
    expect(files.length).toBeGreaterThan(30);
    for (const relativeFile of files) {
      const file = path.join(PROJECT_ROOT, relativeFile);
      expect(SDK_RUNTIME_CONFIG_FILE.test(file), file).toBe(true);
      const source = readFileSync(file, 'utf8');
      const rewritten = await packageVersionOnly(source, async (relative) =>
        JSON.parse(readFileSync(path.resolve(path.dirname(file), relative), 'utf8')),
      );
      const own = /^import packageInfo from "((?:\.\.\/)+package\.json)";$/m.exec(source)?.[1] ?? '';
      const { version } = JSON.parse(readFileSync(path.resolve(path.dirname(file), own), 'utf8')) as {
        version: string;
      };
      expect(rewritten, file).toContain(`const packageInfo = { version: ${JSON.stringify(version)} };`);
      expect(rewritten.replace(/^const packageInfo = .*$/m, ''), file).toBe(
        source.replace(/^import packageInfo .*$/m, ''),
      );
    }
  });

  it('bundles an SDK client with its version and without the rest of its package.json', async () => {
    const client = path.join(PROJECT_ROOT, 'node_modules', '@aws-sdk', 'client-sts');
    const { version, description } = JSON.parse(readFileSync(path.join(client, 'package.json'), 'utf8')) as {
      version: string;
      description: string;
    };
    const bundle = async (plugins: Parameters<typeof build>[0]['plugins']) =>
      (
        await build({
          stdin: {
            contents: 'export { STSClient } from "@aws-sdk/client-sts";',
            resolveDir: PROJECT_ROOT,
            loader: 'js',
          },
          bundle: true,
          write: false,
          platform: 'node',
          format: 'cjs',
          mainFields: ['module', 'main'],
          plugins,
          logLevel: 'silent',
        })
      ).outputFiles[0]?.text ?? '';
    const published = await bundle([]);
    const slim = await bundle([packageVersionPlugin()]);
    expect(published).toContain(description);
    expect(slim).not.toContain(description);
    expect(slim).toContain(`version: ${JSON.stringify(version)}`);
  });
});
