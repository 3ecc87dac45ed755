import { existsSync } from 'node:fs';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authenticate, csrfMatches } from '../access/sessions.ts';
import { needsTotpEnrolment } from '../access/two-step.ts';
import { MESSAGES } from '../domain/problem.ts';
import { CSRF_HEADER, SESSION_COOKIE, type Services, Unauthenticated } from './context.ts';
import { ERROR_RESPONSES, errorBody, errorHandler } from './errors.ts';
import { metricsFor, registerMetrics, requestId } from './metrics.ts';
import { refuseNulBytes } from './nul-bytes.ts';
import { registerRoutes } from './routes/index.ts';

export type App = FastifyInstance;

/** A registered route as the schema test sees it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  responses: string[];
}

const routeTables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the app registered, with the status codes its response schema names (test/api/openapi). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return routeTables.get(app) ?? [];
}

/**
 * Cache policy of the web app's files: Vite names every file under assets/ by its content hash, so a browser may keep
 * it for a year without asking; index.html (and so every SPA route, which answers index.html) names the current
 * assets and must be revalidated on every load, or a deploy would leave users on old code.
 */
export function webCacheControl(filePath: string): string {
  return /[/\\]assets[/\\]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes reachable before login; everything else under /api/v1 needs a session. */
const LOGIN = '/api/v1/auth/login';
/**
 * Before login, and without a CSRF token (there is no session to hold one): login itself and the
 * set-password links (issue 19, item 12), whose token is the right to use them.
 */
const PRE_LOGIN = new Set([
  LOGIN,
  '/api/v1/auth/password-forgotten',
  '/api/v1/auth/password-link',
  '/api/v1/auth/password-link/use',
]);
const PUBLIC_API = new Set([...PRE_LOGIN, '/api/v1/auth/logout']);
/** What a session with an open account step (a forced password change, a required second factor) may use. */
const ACCOUNT_STEP_API = '/api/v1/auth/';

export async function buildApp(
  services: Services,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger
      ? {
          level: config.logLevel,
          // Cookies and CSRF tokens are credentials; bodies are never logged at all.
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        }
      : false,
    bodyLimit: 1024 * 1024,
    // A request id in every log line, the X-Request-Id header and every error answer (metrics.ts).
    genReqId: requestId,
    // Only a proxy named in KETENPLEIN_TRUSTED_PROXIES may set X-Forwarded-For: trusting any would let
    // a client pick a new address per request and walk around the per-address login limit.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerMetrics(app, metricsFor(services.store));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // API answers compressed (br, else gzip) above 1 kB. Not the login/session answers under /api/v1/auth: they carry
  // the CSRF token, and compressing a secret beside attacker-influenced text would open it to BREACH. The web app's
  // own files are precompressed at build time (web/build-plugins.ts) and served as such by @fastify/static.
  // Request bodies are not decompressed (globalDecompression: false): the body limit keeps meaning what it says.
  // (This hook is added before the plugin's own onRoute hook, so the plugin sees `compress: false`.)
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/auth')) route.compress = false;
  });
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ketenplein API',
        version: '1',
        description:
          'Eén platform voor de keten tegen mensenhandel. Elke aanvraag met persoonsgegevens noemt haar doel in de header ' +
          'X-Ketenplein-Purpose; wijzigingen dragen de header X-CSRF-Token uit de login.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every API route answers errors in the one error shape: its schema says so, for the OpenAPI document.
  const routes: RegisteredRoute[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') && !route.url.startsWith('/health')) return;
    const schema = route.schema as { response?: Record<string, unknown>; hide?: boolean } | undefined;
    if (schema?.response) schema.response = { ...ERROR_RESPONSES, ...schema.response };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, responses: Object.keys(schema?.response ?? {}) });
    }
  });

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/v1/')) return;
    request.session = await authenticate(services.store, request.cookies[SESSION_COOKIE], config.session);
    if (!request.session) {
      if (PUBLIC_API.has(path)) return;
      // Refuse before the body is read or parsed: an anonymous request costs no more than this lookup.
      throw new Unauthenticated();
    }
    if (STATE_CHANGING.has(request.method) && !PRE_LOGIN.has(path)) {
      // Synchronizer token: a cross-site form cannot read it, so it cannot forge the header.
      const given = request.headers[CSRF_HEADER];
      if (!csrfMatches(request.session.csrfToken, Array.isArray(given) ? given[0] : given)) {
        return reply.status(403).send(errorBody({ code: 'csrf', message: MESSAGES.csrf }, request));
      }
    }
    // A password someone else knew must be changed, and a role that sees personal data needs a second
    // factor, before anything but the account routes answers (issue 19, item 12).
    if (!path.startsWith(ACCOUNT_STEP_API)) {
      const { user } = request.session;
      if (user.mustChangePassword) {
        return reply.status(403).send(
          errorBody(
            {
              code: 'password_change_required',
              message: {
                nl: 'Kies eerst een nieuw wachtwoord (Mijn account)',
                en: 'Choose a new password first (My account)',
              },
            },
            request,
          ),
        );
      }
      if (needsTotpEnrolment(user, config.totpRequiredRoles)) {
        return reply.status(403).send(
          errorBody(
            {
              code: 'totp_enrolment_required',
              message: {
                nl: 'Zet eerst tweestapsverificatie aan (Mijn account); uw rol vereist dat',
                en: 'Set up two-step verification first (My account); your role requires it',
              },
            },
            request,
          ),
        );
      }
    }
  });

  app.addHook('preValidation', refuseNulBytes);

  await registerRoutes(app, services);

  if (existsSync(config.webDir)) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        reply.header('cache-control', webCacheControl(filePath));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/health';
    if (wantsPage && existsSync(`${config.webDir}/index.html`)) return reply.sendFile('index.html');
    const what = `${request.method} ${path}`;
    return reply
      .status(404)
      .send(
        errorBody(
          { code: 'not_found', message: { nl: `Niet gevonden: ${what}`, en: `Not found: ${what}` } },
          request,
        ),
      );
  });
  return app;
}
