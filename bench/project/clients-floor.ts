/*
 * A function's own SDK floor: a handler that creates the SDK clients the function's bundle carries
 * and sends each command it carries, once, and holds nothing else (no Preflight code, no middleware,
 * no validator). Bundled the same way as the function, its size is what the services the function
 * must talk to cost in the SDK; the function's size over it is Preflight's own weight.
 */

/** A client package of a bundle, its client class, and the commands the bundle carries of it. */
export interface ClientUse {
  readonly packageName: string;
  readonly clientClass: string;
  readonly commands: readonly string[];
}

const CLIENT_FILE = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\/dist-es\/(\w+Client)\.js$/;
const COMMAND_FILE = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\/dist-es\/commands\/(\w+Command)\.js$/;

/** The clients and commands a bundle carries, read from its esbuild metafile's input paths. */
export function clientUses(inputs: Iterable<string>): ClientUse[] {
  const classes = new Map<string, string>();
  const commands = new Map<string, Set<string>>();
  for (const input of inputs) {
    const client = CLIENT_FILE.exec(input);
    if (client?.[1] !== undefined && client[2] !== undefined) classes.set(client[1], client[2]);
    const command = COMMAND_FILE.exec(input);
    if (command?.[1] !== undefined && command[2] !== undefined) {
      commands.set(command[1], (commands.get(command[1]) ?? new Set<string>()).add(command[2]));
    }
  }
  return [...classes]
    .map(([packageName, clientClass]) => ({
      packageName,
      clientClass,
      commands: [...(commands.get(packageName) ?? [])].sort(),
    }))
    .sort((a, b) => a.packageName.localeCompare(b.packageName));
}

/**
 * The source of a handler that creates each client once and sends each of its commands. Imports are
 * aliased: two services may name a command alike (API Gateway's and API Gateway V2's GetStages).
 */
export function clientsFloorSource(uses: readonly ClientUse[]): string {
  const imports = uses.map((use, i) => {
    const names = [
      `${use.clientClass} as Client${i}`,
      ...use.commands.map((command, j) => `${command} as Command${i}_${j}`),
    ];
    return `import { ${names.join(', ')} } from '${use.packageName}';`;
  });
  const clients = uses.map((_, i) => `const client${i} = new Client${i}({});`);
  const sends = uses.flatMap((use, i) =>
    use.commands.map((_, j) => `  await client${i}.send(new Command${i}_${j}({} as never));`),
  );
  return [...imports, ...clients, 'export const handler = async () => {', ...sends, '};', ''].join('\n');
}
