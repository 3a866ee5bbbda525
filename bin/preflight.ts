import { runCli } from './cli/program';

// The SDK's notice about Node versions is not Preflight's to print: the supported Node is stated by
// package.json's engines and the README. Set it to `false` to see the notice again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`preflight audit | head`) closes the pipe: what it did not read is its
// choice, not Preflight's failure. Nothing more is written there, no stack trace is printed, and the
// command still ends with its own exit code (a FAIL piped into head stays a FAIL).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
