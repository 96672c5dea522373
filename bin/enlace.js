#!/usr/bin/env node
// The `enlace` command: the server is TypeScript run through tsx, so there is no build step to
// forget. When the process already loads tsx (`node --import tsx bin/enlace.js`, as the tests do
// to measure coverage), it is not registered twice.
import { register } from 'tsx/esm/api';

// Loading the server takes a few seconds on a cold start: say so at once.
if (process.argv[2] === 'serve' && process.stdout.isTTY) process.stdout.write('Enlace: starting…\n');

const preloaded = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /(^|[\s=])tsx(\s|$)/.test(arg));
if (!preloaded) register();
await import('../server/main.ts');
