// Preloaded (`node --require`) by the startup tests: when the process exits, prints to stderr the
// packages it loaded from node_modules, so a test can tell what a command pulled in.
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('node_modules');
    if (at === -1) continue;
    const parts = file.slice(at + 'node_modules'.length + 1).split(/[\\/]/);
    packages.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  process.stderr.write(`loaded packages: ${[...packages].sort().join(' ')}\n`);
});
