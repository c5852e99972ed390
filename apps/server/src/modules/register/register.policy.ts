import { FILE_CONTENT_TYPES } from '@kakine/contracts';
import { type Actor, can } from '../../platform/actor/actor';

/** The files' `record_type` of evidence attached to a technology (export-control and trade-secret evidence). */
export const TECHNOLOGY_FILE_RECORD_TYPE = 'technology';

/** What evidence may be: documents, spreadsheets, slides, scans and photos, plain text. */
export const TECHNOLOGY_EVIDENCE_TYPES: readonly string[] = [
  FILE_CONTENT_TYPES.pdf,
  FILE_CONTENT_TYPES.png,
  FILE_CONTENT_TYPES.jpeg,
  FILE_CONTENT_TYPES.gif,
  FILE_CONTENT_TYPES.xlsx,
  FILE_CONTENT_TYPES.docx,
  FILE_CONTENT_TYPES.pptx,
  FILE_CONTENT_TYPES.csv,
  FILE_CONTENT_TYPES.text,
];

/** What the actor may do on the register as a whole; the list answers these with every page. */
export const registerAbilities = (actor: Actor) => ({
  create: can(actor, 'register:create'),
  import: can(actor, 'register:manage'),
  manageSettings: can(actor, 'register:manage'),
});

/**
 * The owner a technology gets when the actor writes it: the officer assigns anyone (or no one); a technology owner
 * always owns what they write, and asking for someone else answers undefined (refused).
 */
export const ownerForWrite = (actor: Actor, requested: string | null): string | null | undefined => {
  if (can(actor, 'register:manage')) return requested;
  if (requested === null || requested === actor.userId) return actor.userId;
  return undefined;
};
