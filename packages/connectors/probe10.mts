import { LevelSchema, parseWith } from '@arbot/core';
const S = LevelSchema.array();
let t0 = performance.now();
for (let i = 0; i < 20000; i++) { parseWith(S, [[30000 - (i % 10) * 0.5, 1]], 'x'); parseWith(S, [[30000.5, 1]], 'y'); }
console.log('zod ms', performance.now() - t0);
