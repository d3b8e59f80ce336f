// Writes the four packages of a new feature family, in the shape the decision browser's family has
// (docs/architecture.md, "how to add a family"): plugins/<id> (frontend), <id>-backend (OpenAPI
// router, store, migrations, scheduled task), <id>-common (types, permissions, client) and <id>-node
// (an extension point), each with tests that pass as generated.
//
//   npm run new-family -- <id> [--title "Display name"] [--root <dir>]
//   node scripts/new-family.mjs <id> --print-catalog    the family's catalog entities, to append
//                                                        to catalog-info.yaml
//
// The templates are plain files under scripts/new-family-templates/ (one folder per package, plus
// the catalog fragment); `.tmpl` keeps prettier, lint and jest from reading them as sources. Their
// placeholders: {{id}} (kebab-case), {{Id}} (PascalCase), {{ID}} (UPPER_SNAKE), {{idCamel}},
// {{id_}} (snake_case, table names), {{title}} and {{timestamp}} (the first migration's prefix).
//
// A malformed id, or one a family already uses, exits 2 before anything is written.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const scriptDir = path.dirname(new URL(import.meta.url).pathname);
const templatesDir = path.join(scriptDir, 'new-family-templates');
const repoRoot = path.resolve(scriptDir, '..');

/** Template folder -> package folder under plugins/. */
const PACKAGES = {
  frontend: id => id,
  backend: id => `${id}-backend`,
  common: id => `${id}-common`,
  node: id => `${id}-node`,
};

const USAGE = `Usage: npm run new-family -- <id> [--title "Display name"] [--root <dir>]
       node scripts/new-family.mjs <id> --print-catalog
  <id>  the plugin id: lower case, 2 to 31 characters, words joined by single hyphens (e.g. finops, cost-center)`;

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { root: repoRoot, printCatalog: false };
  const positional = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--root' || arg === '--title') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError(`${arg} needs a value`);
      }
      options[arg.slice(2)] = arg === '--root' ? path.resolve(value) : value;
      i += 1;
    } else if (arg === '--print-catalog') {
      options.printCatalog = true;
    } else if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (options.help) return options;
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length
        ? `one id only, not ${positional.join(' ')}`
        : 'the family id is missing',
    );
  }
  options.id = positional[0];
  return options;
}

/** Why `id` cannot name a family, or undefined when it can. */
function malformed(id) {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(id)) {
    return `"${id}" is not a family id: use 2 to 31 characters, lower-case letters, digits and hyphens, starting with a letter`;
  }
  // Backstage refuses plugin ids with empty words, and scripts/openapi.mjs makes type names by
  // upper-casing the letter after each hyphen: cost-2 would give Cost-2, not an identifier.
  if (!/^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(id)) {
    return `"${id}" is not a family id: each hyphen must be followed by a letter, and the id cannot end with one`;
  }
  if (/-(backend|common|node|react)$/.test(id) || /-module-/.test(id)) {
    return `"${id}" is not a family id: it ends like a package of a family; give the family's own name`;
  }
  return undefined;
}

/** What of the family already exists under `root`, or undefined. */
function existing(root, id) {
  const pluginsDir = path.join(root, 'plugins');
  for (const dirName of Object.values(PACKAGES).map(name => name(id))) {
    if (fs.existsSync(path.join(pluginsDir, dirName)))
      return `plugins/${dirName} exists`;
  }
  if (!fs.existsSync(pluginsDir)) return undefined;
  for (const dirName of fs.readdirSync(pluginsDir)) {
    const manifest = path.join(pluginsDir, dirName, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (pkg.backstage?.pluginId === id)
      return `plugins/${dirName} already uses the plugin id "${id}"`;
  }
  return undefined;
}

function placeholders(id, title) {
  const words = id.split('-');
  const cap = w => w[0].toUpperCase() + w.slice(1);
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return {
    id,
    Id: words.map(cap).join(''),
    ID: words.join('_').toUpperCase(),
    idCamel: words[0] + words.slice(1).map(cap).join(''),
    id_: words.join('_'),
    title: title ?? cap(words.join(' ')),
    timestamp: now,
  };
}

function render(text, values, where) {
  return text.replace(/\{\{(\w+)\}\}/g, (match, key) => {
    if (!(key in values))
      throw new Error(`${where}: unknown placeholder ${match}`);
    return values[key];
  });
}

function templateFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(full);
    return entry.name.endsWith('.tmpl') ? [full] : [];
  });
}

/** Every file of the family, rendered: [path relative to root, text]. Nothing is written yet. */
function renderFamily(values) {
  return Object.entries(PACKAGES).flatMap(([folder, packageDir]) =>
    templateFiles(path.join(templatesDir, folder)).map(file => {
      const relative = path
        .relative(path.join(templatesDir, folder), file)
        .replace(/\.tmpl$/, '');
      const target = path.join(
        'plugins',
        packageDir(values.id),
        render(relative, values, file),
      );
      return [target, render(fs.readFileSync(file, 'utf8'), values, file)];
    }),
  );
}

/**
 * Formats a file as the repository's prettier settings say, since line breaks depend on the
 * length of the names put in. Unknown file types are left as they are.
 */
async function formatted(relative, text) {
  const prettier = createRequire(import.meta.url)('prettier');
  const filepath = path.join(repoRoot, relative);
  const { ignored, inferredParser } = await prettier.getFileInfo(filepath);
  if (ignored || !inferredParser) return text;
  const options =
    (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {};
  return prettier.format(text, { ...options, filepath });
}

function nextSteps(values, count) {
  const { id, idCamel } = values;
  return `Wrote ${count} files in plugins/${id}, plugins/${id}-backend, plugins/${id}-common and plugins/${id}-node.

Next steps:
  1. npm install
       links the four new workspaces into node_modules/@souverain/.
  2. npm run openapi   (node scripts/openapi.mjs)
       generates the typed router in plugins/${id}-backend/src/schema/openapi/generated/ and the
       client in plugins/${id}-common/src/schema/openapi/generated/; run it after every change to
       plugins/${id}-backend/src/schema/openapi.yaml.
  3. The backend: in packages/backend/src/index.ts add
       backend.add(import('@souverain/plugin-${id}-backend'));
     and "@souverain/plugin-${id}-backend": "^0.1.0" to packages/backend/package.json.
  4. The frontend: add "@souverain/plugin-${id}": "^0.1.0" to packages/app/package.json
     (app.packages: all discovers it; its page is /${id}).
  5. The permission policy: decide who holds ${id}.item.create
     (${idCamel}ItemCreatePermission) in packages/backend/src/permissions/SouverainPermissionPolicy.ts.
  6. The portal's catalog: append the output of
       node scripts/new-family.mjs ${id} --print-catalog
     to catalog-info.yaml, and list plugins/${id}-backend/src/schema/openapi.yaml with the other
     specs in app-config.yaml's readable files.
  7. npx tsc, npx backstage-cli repo test plugins/${id} plugins/${id}-backend, and
     npm run api-reports (writes each package's report.api.md).
  8. Rename "item" to what the family really holds, in the spec first.`;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`new-family: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const problem = malformed(options.id);
  if (problem) {
    console.error(`new-family: ${problem}. Nothing was written.\n${USAGE}`);
    return 2;
  }
  const values = placeholders(options.id, options.title);
  if (options.printCatalog) {
    const fragment = path.join(templatesDir, 'catalog-info.fragment.yaml.tmpl');
    process.stdout.write(
      render(fs.readFileSync(fragment, 'utf8'), values, fragment),
    );
    return 0;
  }
  if (
    !fs.existsSync(options.root) ||
    !fs.statSync(options.root).isDirectory()
  ) {
    console.error(
      `new-family: ${options.root} is not a directory. Nothing was written.`,
    );
    return 2;
  }
  const taken = existing(options.root, options.id);
  if (taken) {
    console.error(
      `new-family: the family "${options.id}" cannot be created: ${taken}. Nothing was written.`,
    );
    return 2;
  }

  const files = await Promise.all(
    renderFamily(values).map(async ([relative, text]) => [
      relative,
      await formatted(relative, text),
    ]),
  );
  for (const [relative, text] of files) {
    const target = path.join(options.root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  console.log(nextSteps(values, files.length));
  return 0;
}

process.exitCode = await main();
