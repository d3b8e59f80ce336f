/** Options of {@link createOpenApiRouter}. */
export interface OpenApiRouterOptions {
  /** The largest JSON body accepted, as body-parser reads it ('16kb'); larger answers 413. */
  jsonLimit?: string;
}

/** A request body that is not JSON (answers 415). */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/** A request body over the size limit (answers 413). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * The plugin's router: request bodies must be JSON (415 otherwise), within the size limit (413),
 * with well-formed strings (400), and every request is validated against the spec (400 naming the
 * field) before a handler bound on `api` sees it. Mount `router`; bind the handlers on `api`.
 */
export async function createOpenApiRouter(
  options: OpenApiRouterOptions = {},
): Promise<{
  router: express.Router;
  api: TypedRouter<EndpointMap>;
}> {
  const router = express.Router();
  router.use(jsonBodyGuard(options.jsonLimit ?? '100kb'));
  router.use(unknownBodyPropertyGuard());
  // The guard has parsed the body already; body-parser skips a parsed body, so the validated
  // router's own JSON parser does nothing more.
  // Full formats: a date such as 2026-02-31 is refused, not only one that is not shaped YYYY-MM-DD.
  const api = createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    {
      validatorOptions: { ajvFormats: { mode: 'full' } },
    },
  );
  router.use(api);
  return { router, api };
}

/** Refuses what the validator would misread: non-JSON bodies, oversize bodies, lone surrogates. */
function jsonBodyGuard(limit: string): express.RequestHandler[] {
  const json = express.json({ limit, strict: true });
  return [
    (req, _res, next) => {
      const hasBody =
        Number(req.headers['content-length'] ?? 0) > 0 ||
        req.headers['transfer-encoding'] !== undefined;
      if (hasBody && !req.is('application/json')) {
        const type = req.headers['content-type'] ?? 'none';
        next(
          new UnsupportedMediaTypeError(
            `request body must be application/json, not ${type}`,
          ),
        );
        return;
      }
      next();
    },
    (req, res, next) =>
      json(req, res, (error?: { type?: string; message?: string }) => {
        if (error?.type === 'entity.too.large') {
          next(
            new PayloadTooLargeError(
              `request body is larger than the limit of ${limit}`,
            ),
          );
        } else if (error) {
          next(
            new InputError(`request body is not valid JSON: ${error.message}`),
          );
        } else {
          const where = illFormedStringIn(req.body, 'request/body');
          next(
            where
              ? new InputError(
                  `${where} contains an unpaired UTF-16 surrogate; send well-formed text`,
                )
              : undefined,
          );
        }
      }),
  ];
}

/** Where a string with an unpaired surrogate sits in a parsed body (it cannot be stored as UTF-8). */
function illFormedStringIn(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') {
    return /[\uD800-\uDFFF]/u.test(value) ? where : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found =
        illFormedStringIn(key, where) ??
        illFormedStringIn(item, `${where}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
};

/** A `#/components/...` reference of the spec, resolved. */
function resolveSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  return node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((at, key) => at?.[key], spec) as SchemaNode | undefined;
}

/**
 * Names the property a closed request body does not allow. The validator only says "must NOT have
 * additional properties", which leaves the caller guessing which one.
 */
function unknownBodyPropertyGuard(): express.RequestHandler {
  const routes = Object.entries(
    spec.paths as Record<string, Record<string, any>>,
  ).flatMap(([route, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${route.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      schema: resolveSchema(
        op?.requestBody?.content?.['application/json']?.schema,
      ),
    })),
  );
  return (req, _res, next) => {
    const body = req.body;
    // body-parser leaves {} on every request without a body (all GETs): nothing to look up then.
    if (
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      Object.keys(body).length === 0
    ) {
      next();
      return;
    }
    const route = routes.find(
      r => r.method === req.method && r.pattern.test(req.path),
    );
    const schema = route?.schema;
    if (schema?.additionalProperties === false && schema.properties) {
      const unknown = Object.keys(body).filter(
        key => !(key in schema.properties!),
      );
      if (unknown.length > 0) {
        next(
          new InputError(
            `request/body has ${
              unknown.length === 1
                ? 'an unknown property'
                : 'unknown properties'
            } ${unknown.map(key => `"${key}"`).join(', ')}; allowed: ${
              Object.keys(schema.properties).join(', ') || 'none'
            }`,
          ),
        );
        return;
      }
    }
    next();
  };
}
