import type { Command } from 'commander';
import { z } from 'zod';
import { doctorProblems, problemsText } from './doctor';
import { parseFlags, wholeNumber } from './options';
import type { Runtime } from './runtime';
import { healthText } from './views';
import { loginPathHealth, probeLoginPath } from '../core/executors/login-path';
import { reexecWithServeFlags } from './serve-runtime';

const ServeFlags = z.object({
  host: z.string().trim().min(1, 'needs a host name or address'),
  port: wholeNumber(0).pipe(z.number().max(65_535, 'must be a port number, 0-65535')),
  token: z.string().min(1, 'cannot be empty').optional(),
  metricsPublic: z.boolean().optional(),
});

export function registerSystemCommands(program: Command, rt: Runtime): void {
  program
    .command('doctor')
    .description('check the Claude CLI, the database, the engine and the cooldown')
    .action(async (_opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const cached = await s.call('system.health', {});
      const cooldown = await s.call('cooldown.status', {});
      // Asked afresh (detached, with its hard timeout): how long the user's shell takes is the point.
      const health = { ...cached, loginPath: loginPathHealth(await probeLoginPath(process.env)) };
      const scheduled = s.store().jobs.enabledScheduled().length;
      const problems = doctorProblems(health, scheduled);
      s.out.result({ ...health, cooldown, problems }, () => `${healthText(health, cooldown)}\n\n${problemsText(problems)}`);
      if (problems.length > 0) rt.exitCode = 1;
    });

  program
    .command('serve')
    .description('run the engine and serve the UI on this machine; the first line printed is its URL')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port; 0 picks a free one', '0')
    .option('--token <token>', 'access token (default: a random one)')
    .option('--metrics-public', 'serve /metrics and /healthz to clients on this machine without the token')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(ServeFlags, opts);
      reexecWithServeFlags();
      // Loaded only here: the server and engine are heavy and no other command needs them.
      const { runServe } = await import('../headless/serve-command');
      await runServe({ dbPath: s.dbPath, host: f.host, port: f.port, metricsPublic: f.metricsPublic ?? false, ...(f.token !== undefined ? { token: f.token } : {}) });
    });
}
