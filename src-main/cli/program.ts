import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerCooldownCommands } from './cooldown-commands';
import { registerCronCommands } from './cron-commands';
import { registerDbCommands } from './db-commands';
import { registerImportCommands } from './import-commands';
import { registerJobCommands } from './job-commands';
import { registerOpsCommands } from './ops-commands';
import { processIo, type Io } from './output';
import { registerPromptCommands } from './prompt-commands';
import { registerRunCommands } from './run-commands';
import { Runtime } from './runtime';
import { registerSystemCommands } from './system-commands';

export const VERSION: string = pkg.version;

export function buildProgram(rt: Runtime): Command {
  const program = new Command('cnp')
    .description('Claude Night Pilot: run Claude prompts, shell commands and HTTP calls on schedules')
    .version(rt.version, '-V, --version')
    .option('--db <path>', 'database file (default: $CNP_DB, else the app’s own)')
    .option('--json', 'machine-readable output on stdout')
    // Usage errors are reported like every other error (exit 2, JSON envelope), so commander
    // must neither exit nor print them itself.
    .exitOverride()
    .configureOutput({ writeOut: (text) => rt.io.out(text), writeErr: (text) => rt.io.err(text), outputError: () => undefined })
    .showSuggestionAfterError(true);
  registerPromptCommands(program, rt);
  registerJobCommands(program, rt);
  registerRunCommands(program, rt);
  registerCronCommands(program, rt);
  registerCooldownCommands(program, rt);
  registerSystemCommands(program, rt);
  registerOpsCommands(program, rt);
  registerDbCommands(program, rt);
  registerImportCommands(program, rt);
  return program;
}

/** Runs one `cnp` invocation and returns its exit code; never throws. */
export async function runCli(args: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const rt = new Runtime(VERSION, io, env);
  let code: number;
  try {
    await buildProgram(rt).parseAsync(args, { from: 'user' });
    code = rt.exitCode;
  } catch (err) {
    code = rt.fail(err, args.includes('--json'));
  }
  await rt.noticeAlerts();
  rt.close(code !== 0);
  return code;
}
