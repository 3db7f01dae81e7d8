import { setupTestEnvironment } from '@todo-bus/testing';

// Empty databases only (the wait-for-migrations test migrates its own), no NATS.
export default setupTestEnvironment({ name: 'deploy', nats: false, failOnLeftovers: true });
