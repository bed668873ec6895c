// The Cloudflare Worker entry (wrangler.jsonc `main`): serves the built app from its static
// assets and runs the same proxy as the Vite plugin, behind Cloudflare Access.
import { handleWorkerRequest } from './handle-request.ts';
import type { WorkerEnv } from './setup.ts';

export default {
  fetch(request: Request, env: WorkerEnv): Promise<Response> {
    return handleWorkerRequest(request, env);
  },
};
