// Worker-thread entry for `rulebench batch`: registers tsx in this thread, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./batch-worker.ts');
