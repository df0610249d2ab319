/** The OpenAPI 3.1 document, rendered from the route table's zod schemas. */
import { z } from 'zod';
import type { Route } from './route.js';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
  },
};

function parameters(route: Route) {
  const out: object[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(shape.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly Route[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const ok = String(route.status ?? 200);
    const content: Record<string, object> = route.response ? { 'application/json': { schema: jsonSchema(route.response, 'output') } } : {};
    if (route.csv) content['text/csv'] = { schema: { type: 'string' } };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.public ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        [ok]: { description: 'OK', ...(Object.keys(content).length > 0 ? { content } : {}) },
        default: { description: 'An error', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Escalator API', version, description: 'Help-desk escalation rules and training escalations. See docs/api.md.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (esc_…) from POST /api/v1/me/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'escalator_session', description: 'From POST /api/v1/auth/sign-in; writes also need X-CSRF-Token' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

/** /api/docs: a self-contained page that lists the operations of /api/openapi.json (no CDN needed). */
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Escalator API</title>
<style>body{font:15px system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}h2{margin-top:2rem}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}summary{cursor:pointer}
code.m{display:inline-block;width:4.5rem;font-weight:700}pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:12px}</style></head>
<body><h1>Escalator API</h1><p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a>.</p><div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const byTag={};
  for(const [path,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops))(byTag[op.tags[0]]??=[]).push([m,path,op]);
  const el=document.getElementById('ops');el.textContent='';
  for(const [tag,list] of Object.entries(byTag)){
    const h=document.createElement('h2');h.textContent=tag;el.append(h);
    for(const [m,path,op] of list){
      const d=document.createElement('details');const s=document.createElement('summary');
      s.innerHTML='<code class="m"></code><code class="p"></code> — <span></span>';
      s.querySelector('.m').textContent=m.toUpperCase();s.querySelector('.p').textContent=path;s.querySelector('span').textContent=op.summary;
      const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(s,pre);el.append(d);
    }
  }
});
</script></body></html>`;
