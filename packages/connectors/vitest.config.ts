import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@arbot/source'] },
  ssr: { resolve: { conditions: ['@arbot/source'] } },
  test: { name: 'connectors', include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 20_000, hookTimeout: 20_000 },
});
