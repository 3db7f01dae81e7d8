// `npm run asyncapi -w libs/events`: regenerates asyncapi.json from the catalog and publishes the JSON
// Schema of every new type@version under schemas/published/. Commit both; the tests fail until you do.
import { buildAsyncApiDocument } from './asyncapi.ts';
import { contractProblems } from './compatibility.ts';
import {
  asyncApiFile,
  currentSchemas,
  publishNewSchemaVersions,
  readPublishedSchemas,
  writeAsyncApiDocument,
} from './contract-files.ts';

await writeAsyncApiDocument(buildAsyncApiDocument());
console.log(`wrote ${asyncApiFile.pathname}`);
for (const name of await publishNewSchemaVersions()) console.log(`published ${name}`);

const problems = contractProblems(currentSchemas(), await readPublishedSchemas());
for (const problem of problems) console.error(`contract: ${problem}`);
if (problems.length > 0) process.exitCode = 1;
