#!/usr/bin/env node
// The `arbot` command line; subcommands are registered in ./commands.
process.stdout.write('arbot: no commands yet\n');
