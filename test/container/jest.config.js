// `npm run test:container` only: the image smoke test needs podman and a built image (scripts/container/), so it is
// kept out of `npm test`'s projects. Same transform as the integration project.
import { fileURLToPath } from 'node:url';
import root from '../../jest.config.js';

const integration = root.projects.find((p) => p.displayName === 'integration');
const rootDir = fileURLToPath(new URL('../..', import.meta.url));

export default {
  rootDir,
  projects: [{ ...integration, rootDir, displayName: 'container', testMatch: ['<rootDir>/test/container/**/*.container.ts'] }],
  testTimeout: 180_000,
};
