// @groundtruth/api: the HTTP service.
export { default as app } from './app.ts';
export { mintToken, type Principal, ROLES, type Role, verifyToken } from './auth.ts';
export { buildServer } from './build.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { seedDemoData } from './demo/seed.ts';
export { openRuntime, type Runtime } from './runtime.ts';
