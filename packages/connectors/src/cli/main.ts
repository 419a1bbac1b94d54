#!/usr/bin/env node
// The `arbot` binary: wires the real process (stdio, Ctrl-C, wall clock, ccxt venues) into runCli.
import { systemClock } from '@arbot/core';
import { openCcxtVenue } from './ccxt-venue-factory';
import { runCli } from './run-cli';

const stop = new AbortController();
process.once('SIGINT', () => {
  // First Ctrl-C: stop recording and close the file; a second one: leave at once.
  stop.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `arbot replay … | head` closes the pipe early; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0);
});

runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  clock: systemClock,
  openVenue: openCcxtVenue,
  signal: stop.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Exchange sockets may linger after a recording; do not let them hold the process once the output is out.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`arbot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
