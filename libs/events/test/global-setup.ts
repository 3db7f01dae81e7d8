import { setupTestEnvironment } from '@todo-bus/testing';
import { createEventsTestSchema } from './harness.ts';

export default setupTestEnvironment({
  name: 'events',
  migrate: createEventsTestSchema,
  failOnLeftovers: true,
});
