import { runCli } from './cli/program';

// The SDK's notice about Node versions is not Preflight's to print: the supported Node is stated by
// package.json's engines and the README. Set it to `false` to see the notice again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
