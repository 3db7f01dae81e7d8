import { setupTestEnvironment } from '@todo-bus/testing';

export default setupTestEnvironment({ name: 'db', nats: false, failOnLeftovers: true });
