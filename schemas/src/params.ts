// Path parameters shared by many resources. A route's own parameters live with its resource's types.
import { z } from 'zod';
import { Uuid } from './registry.ts';

/** `/{id}`: the resource's UUID. */
export const IdParams = z.object({ id: Uuid });

/** `/v1/organisations/{brandId}/…`: a brand's own settings and grants. */
export const BrandParams = z.object({ brandId: Uuid });
