import { setupTestEnvironment } from '@todo-bus/testing';

export default setupTestEnvironment({ name: 'gateway', failOnLeftovers: true });
