// Rewrites the field table of docs/catalog.md from schema/catalog.schema.json (run `npm run schema` first when the
// zod schema changed); scripts/docs.test.ts fails while the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOG_DOC, catalogFieldTable, readCatalogSchema, withFieldTable } from './catalogFieldTable';

const doc = readFileSync(CATALOG_DOC, 'utf8');
writeFileSync(CATALOG_DOC, withFieldTable(doc, catalogFieldTable(readCatalogSchema())));
console.log(`wrote the field table of ${CATALOG_DOC}`);
