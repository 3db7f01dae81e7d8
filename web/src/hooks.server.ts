import { authApi } from '#lib/server/api.ts';
import { createHandle } from '#lib/server/handle.ts';

export const handle = createHandle({ authApi });
