import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

/** Swagger UI, served from the `swagger-ui-dist` package (no CDN: the local runtime works offline). */
export const DOCS_PATH = '/docs';
export const SPEC_JSON_PATH = '/openapi.json';

export interface StaticFile {
  contentType: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** Asset URLs are absolute, so the page works at `/docs` as well as `/docs/`. */
const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Comptoir API (local)</title>
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/index.css" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="${DOCS_PATH}/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

/** Replaces the package's petstore initializer; persistAuthorization keeps a pasted bearer token across reloads. */
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(SPEC_JSON_PATH)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

export interface SwaggerUiAssets {
  /** The file for a request path under the docs, or undefined when there is none. */
  fileFor(path: string): Promise<StaticFile | undefined>;
}

export function swaggerUiAssets(): SwaggerUiAssets {
  const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  // Only the files the package ships, looked up by name: a request path never reaches the file system.
  const servable = new Set(readdirSync(distDir).filter((name) => extname(name) in CONTENT_TYPES));
  return {
    async fileFor(path) {
      if (path === DOCS_PATH || path === `${DOCS_PATH}/` || path === `${DOCS_PATH}/index.html`) {
        return { contentType: CONTENT_TYPES['.html'] as string, body: PAGE };
      }
      if (path === `${DOCS_PATH}/swagger-initializer.js`) return { contentType: CONTENT_TYPES['.js'] as string, body: INITIALIZER };
      const name = path.startsWith(`${DOCS_PATH}/`) ? path.slice(DOCS_PATH.length + 1) : undefined;
      if (name === undefined || !servable.has(name)) return undefined;
      return { contentType: CONTENT_TYPES[extname(name)] as string, body: await readFile(join(distDir, name)) };
    },
  };
}
