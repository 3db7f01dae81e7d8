// `npm run seed`: a demo user and a few todos, through the gateway of a running system.
import { DEMO_USER, seedDemoData, SeedError } from '../seed.ts';

const baseUrl = process.env.SEED_URL ?? 'http://localhost:8080';

try {
  const result = await seedDemoData(baseUrl);
  console.log(`Demo user ${DEMO_USER.email} / ${DEMO_USER.password} (${result.user}).`);
  if (result.created.length > 0) console.log(`Created ${result.created.length} todos.`);
  if (result.skipped.length > 0) console.log(`${result.skipped.length} demo todos were already there.`);
  console.log(`Log in at ${baseUrl}/login`);
} catch (error) {
  if (!(error instanceof SeedError)) throw error;
  console.error(`npm run seed: ${error.message}`);
  process.exit(1);
}
