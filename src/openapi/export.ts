import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { previewDocument } from './preview';

/** `npm run openapi [file]`: the OpenAPI document, to a file or stdout, without a database. */
previewDocument(loadConfig())
  .then((document) => {
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (process.argv[2]) writeFileSync(process.argv[2], json);
    else process.stdout.write(json);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
