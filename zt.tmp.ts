import { openApiDocument } from './api/openapi/document';
const t = Date.now();
const d = openApiDocument() as any;
console.log('ms', Date.now() - t, 'bytes', JSON.stringify(d).length, 'paths', Object.keys(d.paths).length);
console.log(JSON.stringify(d.paths['/calendar/deadline'], null, 1).slice(0, 1500));
console.log(JSON.stringify(d.paths['/tasks/{id}/complete'].post.requestBody.content['application/json'].schema.anyOf[0], null, 1).slice(0, 1500));
require('fs').writeFileSync('/tmp/openapi.json', JSON.stringify(d, null, 1));
