// Fails when the README's example pipeline drifts from examples/readme-pipeline.ts
// (the file is what CI typechecks, so the README shows code that compiles).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = readFileSync(join(root, 'examples', 'readme-pipeline.ts'), 'utf8').trim();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
if (!readme.includes(`\`\`\`ts\n${example}\n\`\`\``)) {
  console.error('README.md does not contain examples/readme-pipeline.ts verbatim in a ```ts block: update one from the other.');
  process.exit(1);
}
console.log('README example pipeline matches examples/readme-pipeline.ts');
