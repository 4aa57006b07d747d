// Worker-thread entry of the function thread. Plain CommonJS so that it starts the same way under
// `tsx` (npm run cloud) and under jest: it registers tsx's CommonJS hook unless one is already
// active, then loads the TypeScript side.
if (!require.extensions['.ts']) require('tsx/cjs/api').register()
require('./function-thread.worker.ts')
