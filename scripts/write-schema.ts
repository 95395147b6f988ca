// Writes schema/catalog.schema.json from the zod schema, so editors validate catalogs as you type.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogJsonSchema } from '../src/kpi/catalog';

const file = join(__dirname, '../schema/catalog.schema.json');
writeFileSync(file, JSON.stringify(catalogJsonSchema(), null, 2) + '\n');
console.log(`wrote ${file}`);
