import { z } from 'zod';

/** What /health and /ready answer while all is well. */
export const HealthStatus = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });
