// @groundtruth/api: the HTTP service.
export { default as app } from './app.ts';
export { mintToken, type Principal, type Role, ROLES, verifyToken } from './auth.ts';
export { buildServer } from './build.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { openRuntime, type Runtime } from './runtime.ts';
export { seedDemoData } from './demo/seed.ts';
