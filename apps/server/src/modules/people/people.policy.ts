import type { PersonAbilities } from '@kakine/contracts';
import type { z } from 'zod';
import { type Actor, can } from '../../platform/actor/actor';

/**
 * What the actor may do to a person record: HR and the security officer (people:manage) edit every person of their
 * organisation; everyone else with people:read only reads.
 */
export const personAbilities = (actor: Actor): z.infer<typeof PersonAbilities> => ({
  edit: can(actor, 'people:manage'),
});
