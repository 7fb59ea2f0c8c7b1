import { runCli } from './program';

// `cnp … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A stray handle (a child's pipe, a timer in a library) must not keep a finished command alive.
setTimeout(() => process.exit(code), 2000).unref();
